// The request guards live in http/callerAccess.ts. This re-export remains only for modules/alarms,
// modules/escorts and modules/notifications (out of this change's reach); delete it once they import from http.
export { assertOwnerOr, callerOf, requireAuth, requireRole, stillSignedIn } from '../../http/callerAccess';
