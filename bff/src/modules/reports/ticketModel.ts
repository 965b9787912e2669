// Tickets live in modules/tickets. This re-export remains only because modules/notifications (out of this
// change's reach) still imports the model from here; delete it once notificationOutbox imports from tickets.
export { ticketModel, type NotificationRecord, type TicketDocument } from '../tickets/ticketModel';
