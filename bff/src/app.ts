import Koa from 'koa';
import { photoLimits } from '@jiefang/contracts';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import type { MqttClient } from 'mqtt';
import type { Config } from './config';
import type { Clock } from './infra/clock';
import type { Logger } from './infra/logger';
import { pingMongo } from './infra/mongo';
import { documentLocks } from './infra/documentLocks';
import { redisRecovery } from './infra/redisRecovery';
import { notifyingDocuments, versionedChanges, type NotificationRelay } from './infra/versionedChanges';
import type { AppState } from './http/appState';
import { errorMiddleware } from './http/errorMiddleware';
import { startupGate } from './http/startupGate';
import { requestContext } from './http/requestContext';
import { createAttemptCounter, createRateLimit } from './http/rateLimit';
import { clientAddress } from './http/clientAddress';
import { refusePrototypeKeys } from './http/prototypeKeys';
import { staticSite } from './http/staticSite';
import { categoryStore } from './modules/categories/categoryStore';
import { categoryChanges, liveCategoryCatalogue } from './modules/categories/liveCategoryCatalogue';
import { categoryRoutes, freshCategories } from './modules/categories/categoryRoutes';
import { healthRoutes } from './modules/health/healthRoutes';
import { accessTokens } from './modules/auth/accessTokens';
import { authService } from './modules/auth/authService';
import { loginThrottle } from './modules/auth/loginThrottle';
import { tokenRevocations } from './modules/auth/tokenRevocations';
import { accountStatus } from './modules/users/accountStatus';
import { staffChanges } from './modules/users/staffChanges';
import { authRoutes } from './modules/auth/authRoutes';
import { wechatSessions, type WechatSessions } from './modules/auth/wechatSessions';
import { userModels } from './modules/users/userModel';
import { staffAccounts } from './modules/users/staffAccounts';
import { userRoutes } from './modules/users/userRoutes';
import { staffEdits } from './modules/users/staffEdits';
import { passwordResets } from './modules/users/passwordResets';
import { adminReaches } from './modules/users/adminReach';
import { staffImport } from './modules/users/staffImport';
import { staffImportRoutes } from './modules/users/staffImportRoutes';
import { findStreet, loadDistrict, type District } from './modules/district/district';
import { districtRoutes, freshDistrictGrids } from './modules/district/districtRoutes';
import { gridUploads } from './modules/district/gridUploads';
import { gridVersionStore } from './modules/district/gridVersionStore';
import { gridChanges, liveDistrictGrids } from './modules/district/liveDistrictGrids';
import { mapRoutes } from './modules/maps/mapRoutes';
import { tileOrigins } from './domain/mapTiles';
import { ticketView } from './modules/tickets/ticketView';
import { ticketNotificationSource, ticketStore } from './modules/tickets/ticketStore';
import { ticketQueries } from './modules/tickets/ticketQueries';
import { dispatchTickets } from './modules/tickets/dispatchPort';
import { reportIntake } from './modules/reports/reportIntake';
import { intakeKeys } from './modules/reports/intakeKeys';
import { openTicketIndex } from './modules/reports/openTicketIndex';
import { alarmExportSource } from './modules/alarms/alarmExportSource';
import { escortExportSource } from './modules/escorts/escortExportSource';
import { exportDatasetSpecs } from './modules/exports/exportDatasets';
import { exportRoutes } from './modules/exports/exportRoutes';
import { exportService } from './modules/exports/exportService';
import { officerWorkloads } from './modules/officers/officerWorkloads';
import { ticketTracking } from './modules/tickets/ticketTracking';
import { rebuildTicketIndexes } from './modules/tickets/ticketIndexes';
import { geocoderProvider } from './modules/geocoding/geocoderProviders';
import { geocodingRoutes } from './modules/geocoding/geocodingRoutes';
import { reverseGeocoder } from './modules/geocoding/reverseGeocoder';
import { nearbyReports } from './modules/reports/nearbyReports';
import { reportRoutes } from './modules/reports/reportRoutes';
import { photoStore } from './modules/photos/photoStore';
import { photoLinks } from './modules/photos/photoLinks';
import { photoRoutes } from './modules/photos/photoRoutes';
import { photoUploads } from './modules/photos/photoUploads';
import { officerPresence } from './modules/officers/officerPresence';
import { officerRoutes } from './modules/officers/officerRoutes';
import { slaTimers } from './modules/dispatch/slaTimers';
import { staffDirectory } from './modules/dispatch/staffDirectory';
import { ticketDispatcher } from './modules/dispatch/ticketDispatcher';
import { slaTimerHandler } from './modules/dispatch/slaTimerHandler';
import { slaTimerRecovery } from './modules/dispatch/slaTimerRecovery';
import { ticketActionPolicy, ticketActions } from './modules/tickets/ticketActions';
import { ticketRoutes } from './modules/tickets/ticketRoutes';
import { ticketEvents } from './modules/tickets/ticketEvents';
import { officerDirectoryRoutes } from './modules/officers/officerDirectoryRoutes';
import { officerDirectory } from './modules/officers/officerDirectory';
import { officerAccounts } from './modules/users/officerAccounts';
import { rosterRoutes } from './modules/rosters/rosterRoutes';
import { rosterStore } from './modules/rosters/rosterStore';
import { shiftReminders } from './modules/rosters/shiftReminders';
import { notificationOutbox, outboxKeys, outboxRelay } from './modules/notifications/notificationOutbox';
import type { NotificationSender } from './modules/notifications/notificationSenders';
import { notificationRouter } from './modules/notifications/notificationRouter';
import { notificationChannelsFrom } from './modules/notifications/notificationChannels';
import { channelMarks } from './modules/notifications/channelMarks';
import { recipientDirectory } from './modules/notifications/recipientDirectory';
import { notificationRecords } from './modules/notifications/notificationRecords';
import { notificationRoutes } from './modules/notifications/notificationRoutes';
import { notificationInbox } from './modules/notifications/inbox/notificationInbox';
import { subscriptionStore } from './modules/notifications/subscriptions/subscriptionStore';
import { subscriptionRoutes } from './modules/notifications/subscriptions/subscriptionRoutes';
import { backgroundWork } from './backgroundWork';
import { routeRegistry } from './http/routeRegistry';
import { deviceModel } from './modules/devices/deviceModel';
import { deviceRegistry } from './modules/devices/deviceRegistry';
import { deviceRoutes } from './modules/devices/deviceRoutes';
import { deviceImport } from './modules/devices/deviceImport';
import type { ImportHousehold } from './domain/deviceImportRows';
import { deviceImportRoutes } from './modules/devices/deviceImportRoutes';
import { deviceBrokerAccounts } from './modules/devices/deviceBrokerAccounts';
import { delayedJobs } from './infra/delayedJobs';
import { alarmBook, alarmNotificationSource } from './modules/alarms/alarmBook';
import { alarmModel } from './modules/alarms/alarmModel';
import { alarmReactions, type AlarmTimerJob } from './modules/alarms/alarmReactions';
import { alarmEvents, alarmRoutes } from './modules/alarms/alarmRoutes';
import { alarmTimerRecovery } from './modules/alarms/alarmTimerRecovery';
import { escortBook } from './modules/escorts/escortBook';
import type { EscortTimerJob } from './modules/escorts/escortBookings';
import { escortNotificationSource } from './modules/escorts/escortChanges';
import { escortModels } from './modules/escorts/escortModels';
import { escortRoutes } from './modules/escorts/escortRoutes';
import { escortTimerRecovery } from './modules/escorts/escortTimerRecovery';
import { householdModel } from './modules/households/householdModel';
import { householdRoutes, type InvitationSms } from './modules/households/householdRoutes';
import { invitationSmsFrom } from './modules/households/invitationSms';
import { ownerAccounts } from './modules/households/ownerAccounts';
import { invitationGuessLimit, ownerInvitations } from './modules/households/ownerInvitations';
import { householdStore } from './modules/households/householdStore';
import { alarmAudience, escortAudience, ticketAudience } from './modules/live/changeAudiences';
import { liveRoutes } from './modules/live/liveRoutes';
import { userChangeLog } from './modules/live/userChangeLog';
import { userChanges } from './modules/live/userChanges';
import { deviceBridge, type BridgeCounters } from './modules/telemetry/deviceBridge';
import { deviceReadingModel } from './modules/telemetry/deviceReadingModel';
import { lastHeard, latestReadings } from './modules/telemetry/latestReadings';
import { readingRoutes } from './modules/telemetry/readingRoutes';
import { noiseReadings } from './modules/telemetry/noiseReadings';
import { uplinkLog } from './modules/telemetry/uplinkLog';
import { uplinkProcessor, type ProcessorCounters } from './modules/telemetry/uplinkProcessor';
import { defaultScoringRule } from './domain/ticketScoring';
import { ticketStatisticsSource } from './modules/tickets/ticketStatisticsSource';
import { alarmStatisticsSource } from './modules/alarms/alarmStatisticsSource';
import { statisticsStore } from './modules/statistics/statisticsStore';
import { ticketProjection } from './modules/statistics/ticketProjection';
import { statisticsSummaries } from './modules/statistics/statisticsSummaries';
import { statisticsScopes } from './modules/statistics/statisticsScope';
import { statisticsNames } from './modules/statistics/statisticsNames';
import { ticketStatisticsService } from './modules/statistics/ticketStatisticsService';
import { alarmStatistics } from './modules/statistics/alarmStatistics';
import { liveStatistics } from './modules/statistics/liveStatistics';
import { statisticsRoutes } from './modules/statistics/statisticsRoutes';
import { statisticsRecovery } from './modules/statistics/statisticsRebuild';
import { auditStore } from './modules/audit/auditStore';
import { auditJournal } from './modules/audit/auditJournal';
import { auditRecorder, type AuditStreets } from './modules/audit/auditRecorder';
import { auditRoutes } from './modules/audit/auditRoutes';
import { accountDeletion } from './modules/privacy/accountDeletion';
import { erasedPhotoHoldModel } from './modules/privacy/erasedPhotoHoldModel';
import { erasedPhotoRetention } from './modules/privacy/erasedPhotoRetention';
import { personalDataReader } from './modules/privacy/personalDataReader';
import { personalRecords } from './modules/privacy/personalRecords';
import { personalRedisKeys } from './modules/privacy/personalRedisKeys';
import { privacyRoutes } from './modules/privacy/privacyRoutes';

export interface AppDeps {
  config: Config;
  mongo: Connection;
  redis: Redis;
  mqtt: MqttClient;
  clock: Clock;
  logger: Logger;
  district?: District;
  wechat?: WechatSessions | null;
  /** Replaces the channels' router (tests count what is sent). */
  notificationSender?: NotificationSender;
  /** Sends owner invitation codes (default: by Tencent SMS when configured; tests record what is sent). */
  invitationSms?: InvitationSms | null;
}

export interface JiefangApp {
  koa: Koa<AppState>;
  /**
   * Timers, the notification relay and sender, and the Redis recovery (which rebuilds what Redis lost
   * and fires overdue deadlines). Call it once the server listens: `/readyz` says `starting` until done.
   */
  startBackgroundWork(): Promise<void>;
  /** Ends the consoles' live streams, so a shutdown need not wait for them to hang up. */
  endLiveStreams(): Promise<void>;
  /** Counters of the device bridge and processor (received, stored, rejected, processed…). */
  deviceMetrics(): { bridge: BridgeCounters; processor: ProcessorCounters };
  /** Ends live streams, stops background work and closes the connections the app opened itself. */
  close(): Promise<void>;
}

const version = process.env.npm_package_version ?? '0.1.0';

/** The routes that take a street's grids file (preview and publish). */
const gridUploadPath = /^\/api\/district\/streets\/[^/]+\/grids(\/preview)?$/;

export function createApp(deps: AppDeps): JiefangApp {
  const { config, mongo, redis, mqtt, clock, logger } = deps;
  const district = deps.district ?? loadDistrict();
  // Streets' grids are published by administrators (辖区网格): `district.grids` follows the newest ones.
  const gridVersions = gridVersionStore(mongo, clock);
  const gridVersionChanges = gridChanges(redis);
  const districtGrids = liveDistrictGrids({
    district,
    store: gridVersions,
    changes: gridVersionChanges,
    clock,
    logger,
  });
  // Categories live in MongoDB and are edited by administrators; every part reads them synchronously.
  const categoryRecords = categoryStore(mongo, clock);
  const categoryVersions = categoryChanges(redis);
  const categories = liveCategoryCatalogue({
    store: categoryRecords,
    changes: categoryVersions,
    clock,
    logger,
  });
  const koa = new Koa<AppState>();

  const users = userModels(mongo);
  const revocations = tokenRevocations(redis, users, clock, logger);
  const tokens = accessTokens(
    config.JWT_SECRET,
    config.JWT_TTL_SECONDS,
    clock,
    revocations,
    async (userId) => (await users.User.findById(userId, { streetId: 1 }).lean())?.streetId ?? null,
  );
  const wechat =
    deps.wechat !== undefined
      ? deps.wechat
      : config.WECHAT_APPID && config.WECHAT_SECRET
        ? wechatSessions(config.WECHAT_APPID, config.WECHAT_SECRET, config.WECHAT_API_BASE)
        : null;
  const staffRoster = staffChanges(redis);
  const auth = authService({
    staffChanges: staffRoster,
    revocations,
    models: users,
    tokens,
    clock,
    district,
    wechat,
    loginThrottle: loginThrottle({
      perAddressAndAccount: createRateLimit(
        redis,
        'login',
        config.LOGIN_RATE_LIMIT,
        config.LOGIN_RATE_WINDOW_SECONDS,
      ),
      perAddress: createRateLimit(
        redis,
        'login-address',
        config.LOGIN_ADDRESS_RATE_LIMIT,
        config.LOGIN_RATE_WINDOW_SECONDS,
      ),
      perAccount: createAttemptCounter(redis, 'login-account', config.LOGIN_RATE_WINDOW_SECONDS),
    }),
  });

  const tickets = ticketStore(mongo);
  const locks = documentLocks(redis);
  const photos = photoStore(mongo);
  const uploads = photoUploads(redis);
  const links = photoLinks(config.JWT_SECRET, clock);
  const presence = officerPresence(redis, clock);
  const workloads = officerWorkloads(redis);
  const openTickets = openTicketIndex(redis);
  const staff = staffDirectory(users, staffRoster, clock);
  const timers = slaTimers({
    connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
    prefix: `${config.REDIS_PREFIX}:bull`,
    clock,
    logger,
  });
  const alarms = alarmModel(mongo);
  const escortStore = escortModels(mongo);
  // WeChat subscriptions; `subscriptions.credits` is the port the WeChat channel takes a credit from.
  const subscriptions = subscriptionStore({ connection: mongo, locks, clock });
  const outbox = notificationOutbox({
    connection: mongo,
    documents: {
      [ticketNotificationSource]: tickets.notifying,
      [alarmNotificationSource]: notifyingDocuments(alarms),
      [escortNotificationSource]: notifyingDocuments(escortStore.Escort),
    },
    redis,
    sender:
      deps.notificationSender ??
      notificationRouter({
        channels: notificationChannelsFrom(config, { redis, clock, logger }),
        recipients: recipientDirectory(users),
        subscriptions: subscriptions.credits,
        marks: channelMarks(redis, outboxKeys.channels),
        clock,
        logger,
      }),
    clock,
    logger,
  });
  const inbox = notificationInbox({ connection: mongo, redis, outbox, clock });
  const background = backgroundWork({ outbox, logger });
  // Residents', families', volunteers', owners' and officers' own pages hear what changed for them.
  const live = userChanges({
    redis,
    channel: `${config.REDIS_PREFIX}:me:changed`,
    log: userChangeLog(redis),
    logger,
  });
  /** Works out whom a change concerns off the write's path: a failed look-up costs one live update. */
  const announceTo = (
    topic: Parameters<typeof live.announce>[0],
    id: string,
    audience: Promise<string[]>,
  ) => {
    audience
      .then((userIds) => live.announce(topic, id, userIds))
      .catch((error: unknown) => logger.warn({ err: error, topic, id }, 'live change not announced'));
  };
  const outboxRelayed = outboxRelay(outbox, () => background.kickDelivery());
  const notificationRelay: NotificationRelay = {
    markPending: (source, id) => outboxRelayed.markPending(source, id),
    async relay(source, id, notifications) {
      await outboxRelayed.relay(source, id, notifications);
      for (const notification of notifications)
        live.announce('notification', notification.id, [notification.recipientId]);
    },
  };
  const tracking = ticketTracking({ workloads });
  // Statistics: every ticket write is marked before and projected after (modules/statistics).
  const statisticsRecords = statisticsStore(mongo);
  const statisticsTickets = ticketStatisticsSource(mongo);
  const projection = ticketProjection({
    redis,
    store: statisticsRecords,
    tickets: statisticsTickets,
    locks,
    clock,
    logger,
  });
  const statisticsByPeriod = statisticsSummaries({
    redis,
    store: statisticsRecords,
    locks,
    clock,
    streetIds: district.features.map(({ properties }) => properties.id),
  });
  const ticketChanges = tickets.changes({
    locks,
    clock,
    relay: notificationRelay,
    logger,
    writing: (id, ticketVersion) => projection.marking(id, ticketVersion),
    written: async (ticket, previous) => {
      await tracking.written(ticket);
      projection.written(ticket);
      announceTo('ticket', ticket._id, ticketAudience(ticket, previous, staff.squadLeaders));
    },
  });
  const queries = ticketQueries({ store: tickets, district, clock });
  const ticketsForDispatch = dispatchTickets({ store: tickets, changes: ticketChanges, clock });
  const view = (ticket: Parameters<typeof ticketView>[0], viewer: Parameters<typeof ticketView>[1]) =>
    ticketView(ticket, viewer, { categories, district, links });
  const events = ticketEvents({
    redis,
    channel: `${config.REDIS_PREFIX}:tickets:changed`,
    store: tickets,
    view,
    logger,
  });
  const rosters = rosterStore(mongo, clock);
  const dispatcher = ticketDispatcher({
    tickets: ticketsForDispatch,
    presence,
    shifts: rosters,
    staff,
    categories,
    timers,
    clock,
    logger,
    timeScale: config.SLA_TIME_SCALE,
    onChange: (ticket) => {
      events.announce(ticket._id);
      background.kickDelivery();
    },
  });
  const actions = ticketActions({
    store: tickets,
    dispatcher,
    timers,
    staff,
    presence,
    photos,
    uploads,
    categories,
    district,
    clock,
    changes: ticketChanges,
    timeScale: config.SLA_TIME_SCALE,
    openTickets,
  });
  const intake = reportIntake({
    connection: mongo,
    store: tickets,
    photos,
    uploads,
    categories,
    district,
    dispatcher,
    timers,
    clock,
    changes: ticketChanges,
    openTickets,
    keys: intakeKeys(redis),
    logger,
    timeScale: config.SLA_TIME_SCALE,
  });

  // 我的数据 and account deletion (PIPL): reads every collection that names a person.
  const privacyRecords = personalRecords(mongo);
  const privacyRedisKeys = personalRedisKeys(redis);
  // Photos an erased reporter left on open tickets go once the tickets are finished (the chores' sweep).
  const erasedPhotos = erasedPhotoRetention({
    holds: erasedPhotoHoldModel(mongo),
    tickets: privacyRecords.Ticket,
    ticketChanges,
    photos,
    reopenWithinMs: ticketActionPolicy.reopenWithinMs,
    clock,
    logger,
  });
  const deletions = accountDeletion({
    records: privacyRecords,
    redisKeys: privacyRedisKeys,
    revocations,
    ticketChanges,
    // Escorts' own kernel writes under the same 'escort' locks; an erasure sends no notifications.
    escortChanges: versionedChanges({
      source: escortNotificationSource,
      lockPrefix: 'escort',
      documents: escortStore.Escort,
      locks,
      clock,
      relay: notificationRelay,
      logger,
    }),
    photos,
    retention: erasedPhotos,
    locks,
    clock,
    logger,
  });

  koa.use(clientAddress(config.TRUSTED_PROXIES));
  // idle (no background work, e.g. some tests) → starting → started; `starting` also while Redis is rebuilt.
  let phase: 'idle' | 'starting' | 'started' = 'idle';
  let recoveryRebuilt = () => true;
  const starting = () => phase === 'starting' || (phase === 'started' && !recoveryRebuilt());
  // Readiness also waits for the device bridge's subscriptions (a device message published before them
  // reaches nobody); intake does not, so a broker that is away never stops residents' reports.
  let bridgeSubscribed = false;
  const notReady = () => starting() || (phase === 'started' && !bridgeSubscribed);

  koa.use(requestContext(logger));
  koa.use(errorMiddleware);
  koa.use(startupGate(starting));
  koa.use(freshCategories(categories));
  koa.use(freshDistrictGrids(districtGrids));
  koa.use(
    helmet({
      // antd and Taro H5 inject inline styles at run time.
      contentSecurityPolicy: {
        // Map tiles come from the configured tile host (none when maps draw only the district's outlines).
        directives: {
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:', ...tileOrigins(config.MAP_TILES.tiles)],
        },
      },
    }),
  );
  koa.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        return config.CORS_ORIGINS.includes(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replay'],
      maxAge: 600,
    }),
  );
  const jsonBodies = (jsonLimit: string) =>
    bodyParser({
      enableTypes: ['json'],
      jsonLimit,
      encoding: 'utf-8',
      // DELETE /api/me carries its confirmation in the body.
      parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    });
  const smallBodies = jsonBodies(`${config.BODY_LIMIT_KB}kb`);
  // A street's grids file travels as text in JSON (up to gridUploadMaxChars, quotes escaped): only there.
  const gridFileBodies = jsonBodies('3mb');
  koa.use((ctx, next) => (gridUploadPath.test(ctx.path) ? gridFileBodies : smallBodies)(ctx, next));
  koa.use(refusePrototypeKeys);
  if (config.ADMIN_DIST_DIR) koa.use(staticSite('/admin', config.ADMIN_DIST_DIR));
  if (config.H5_DIST_DIR) koa.use(staticSite('/h5', config.H5_DIST_DIR));

  // The audit log: staff actions on audited routes are written ahead to Redis and stored before answering.
  const auditLog = auditStore(mongo);
  const auditEntries = auditJournal({ redis, store: auditLog, clock, logger });
  const streetNamed = (idOrName: string) => findStreet(district, idOrName)?.properties.id ?? null;
  const auditStreets: AuditStreets = {
    named: streetNamed,
    async ofTarget(kind, id) {
      if (kind === 'ticket') return (await tickets.findById(id))?.streetId ?? null;
      if (kind === 'user') return staff.streetOf(id);
      // Devices and households are set up below; this runs per request, long after.
      if (kind === 'device') return (await devices.findById(id, { streetId: 1 }).lean())?.streetId ?? null;
      if (kind === 'household') return (await householdRecords.findById(id))?.streetId ?? null;
      if (kind === 'street') return streetNamed(id);
      if (kind === 'squad')
        return district.features.find(({ properties }) => properties.squadId === id)?.properties.id ?? null;
      return null;
    },
    ofUser: (userId) => staff.streetOf(userId),
  };
  const api = routeRegistry({
    tokens,
    auditing: auditRecorder({ journal: auditEntries, streets: auditStreets, clock, logger }),
  });
  const routers = [
    healthRoutes(
      api,
      {
        mongodb: () => pingMongo(mongo),
        redis: async () => {
          await redis.ping();
        },
        mqtt: async () => {
          if (!mqtt.connected) throw new Error('not connected to the broker');
        },
      },
      version,
      notReady,
    ),
    authRoutes(api, auth, config.DEV_LOGIN),
    userRoutes(api, {
      accounts: staffAccounts(users, district, clock, staffRoster),
      status: accountStatus({
        models: users,
        revocations,
        presence,
        changes: staffRoster,
        district,
        clock,
        releaseOfficer: (officerId) => dispatcher.releaseOfficer(officerId),
      }),
      edits: staffEdits({
        models: users,
        district,
        clock,
        revocations,
        presence,
        changes: staffRoster,
        releaseOfficer: (officerId, why) => dispatcher.releaseOfficer(officerId, why),
      }),
      resets: passwordResets({ models: users, district, clock, revocations }),
      reaches: adminReaches(users),
    }),
    staffImportRoutes(api, staffImport({ models: users, district, clock, changes: staffRoster }), district),
    districtRoutes(api, {
      district,
      grids: districtGrids,
      uploads: gridUploads({
        district,
        grids: districtGrids,
        store: gridVersions,
        changes: gridVersionChanges,
        mongo,
        streetOf: (userId) => staff.streetOf(userId),
        onAnnounceFailed: (error) => logger.warn({ err: error }, 'grid publication not announced'),
      }),
    }),
    categoryRoutes(api, {
      catalogue: categories,
      store: categoryRecords,
      changes: categoryVersions,
      streetOf: (userId) => staff.streetOf(userId),
    }),
    mapRoutes(api, config.MAP_TILES.tiles),
    reportRoutes(api, {
      intake,
      nearby: nearbyReports({ openTickets, tickets, categories, clock }),
      actions,
      queries,
      view,
      reportRateLimit: createRateLimit(
        redis,
        'report',
        config.REPORT_RATE_LIMIT,
        config.REPORT_RATE_WINDOW_SECONDS,
      ),
    }),
    geocodingRoutes(api, {
      geocoder: reverseGeocoder({ provider: geocoderProvider(config), redis, logger }),
      rateLimit: createRateLimit(
        redis,
        'geocode',
        config.GEOCODE_RATE_LIMIT,
        config.GEOCODE_RATE_WINDOW_SECONDS,
      ),
    }),
    ticketRoutes(api, { actions, queries, tokens, view, events }),
    officerDirectoryRoutes(
      api,
      officerDirectory({
        accounts: officerAccounts(users),
        presence,
        heldCounts: (officerIds) => queries.heldCounts(officerIds),
        shifts: rosters,
        district,
        clock,
      }),
    ),
    rosterRoutes(api, { rosters, officers: officerAccounts(users), district, clock }),
    officerRoutes(api, { presence, tickets: queries, view }),
    photoRoutes(api, {
      store: photos,
      links,
      uploads,
      clock,
      // A resident allowed n reports a window may upload their full photos.
      uploadRateLimit: createRateLimit(
        redis,
        'photo-upload',
        config.REPORT_RATE_LIMIT * photoLimits.maxCount,
        config.REPORT_RATE_WINDOW_SECONDS,
      ),
    }),
    notificationRoutes(api, inbox, notificationRecords({ connection: mongo, redis, users })),
    subscriptionRoutes(api, { store: subscriptions, wechatTemplates: config.WECHAT_TEMPLATES ?? {} }),
    liveRoutes(api, { changes: live, tokens }),
    auditRoutes(api, { store: auditLog, streetNamed, streetOf: (userId) => staff.streetOf(userId) }),
    privacyRoutes(api, {
      reader: personalDataReader({
        records: privacyRecords,
        redisKeys: privacyRedisKeys,
        categories,
        clock,
      }),
      deletion: deletions,
      clock,
    }),
  ];
  for (const router of routers) koa.use(router.routes()).use(router.allowedMethods({ throw: false }));

  const households = householdModel(mongo);
  const householdRecords = householdStore(mongo);
  const deviceReadings = deviceReadingModel(mongo);
  const devices = deviceModel(mongo);
  const alarmChannel = `${config.REDIS_PREFIX}:alarms:changed`;
  const ownersOf = async (householdId: string | null) =>
    householdId ? ((await households.findById(householdId, { ownerIds: 1 }).lean())?.ownerIds ?? []) : [];
  let announceAlarm: (id: string) => void = () => undefined;
  const book = alarmBook({
    alarms,
    locks,
    clock,
    district,
    relay: notificationRelay,
    logger,
    onChange: (alarm) => {
      announceAlarm(alarm._id);
      announceTo('alarm', alarm._id, alarmAudience(alarm, ownersOf));
    },
  });
  const alarmStream = alarmEvents({ redis, channel: alarmChannel, book, district, logger });
  announceAlarm = (id) => alarmStream.announce(id);
  const alarmTimers = delayedJobs<AlarmTimerJob>({
    queueName: 'alarms',
    jobId: (job) => `${job.alarmId}-${job.kind}`.replace(/:/g, '_'),
    jobName: (job) => job.kind,
    connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
    prefix: `${config.REDIS_PREFIX}:bull`,
    clock,
    logger,
  });
  const reactions = alarmReactions({
    book,
    households,
    staff,
    intake,
    mqtt,
    timers: alarmTimers,
    district,
    clock,
    timeScale: config.SLA_TIME_SCALE,
    logger,
  });
  // Its own connection: the bridge's appends must not queue behind the processor's large reads.
  const uplinkWriter = redis.duplicate({ enableOfflineQueue: true });
  uplinkWriter.on('error', () => undefined);
  const uplinks = uplinkLog(uplinkWriter, config.DEVICE_PARTITIONS);
  const processor = uplinkProcessor({
    redis,
    log: uplinks,
    devices,
    households,
    readings: deviceReadings,
    book,
    reactions,
    clock,
    logger,
    instanceId: config.INSTANCE_ID,
    chargingThreshold: config.CHARGING_CONFIDENCE_THRESHOLD,
  });
  const bridge = deviceBridge({
    url: config.MQTT_URL,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
    instanceId: config.INSTANCE_ID,
    group: config.REDIS_PREFIX.replace(/[^A-Za-z0-9_-]/g, '-'),
    connections: config.BRIDGE_CONNECTIONS,
    subscription: config.BRIDGE_SUBSCRIPTION,
    sessionExpirySeconds:
      config.BRIDGE_SESSION_EXPIRY_SECONDS ?? (config.NODE_ENV === 'test' ? 60 : 7 * 24 * 3600),
    log: uplinks,
    clock,
    logger,
    onStored: (lane) => processor.nudge(lane),
  });
  const brokerAccounts = deviceBrokerAccounts({
    mqtt,
    managed: config.MQTT_DEVICE_ACCOUNTS === 'managed',
    logger,
  });
  const registry = deviceRegistry({
    devices,
    district,
    clock,
    mqttUrl: config.DEVICE_MQTT_URL ?? config.MQTT_URL,
    accounts: brokerAccounts,
    latest: (ids) => latestReadings(redis, ids),
    heard: (ids) => lastHeard(redis, ids),
  });
  const deviceRoutesRouter = deviceRoutes(api, registry, staff);
  const deviceImportRouter = deviceImportRoutes(
    api,
    deviceImport({
      devices,
      district,
      clock,
      mqttUrl: config.DEVICE_MQTT_URL ?? config.MQTT_URL,
      accounts: brokerAccounts,
      // A 住户 cell is a household's id or its address (an address of several households is ambiguous).
      households: async (texts) => {
        const found = texts.length
          ? await households
              .find(
                { $or: [{ _id: { $in: texts } }, { address: { $in: texts } }] },
                { address: 1, streetId: 1, location: 1 },
              )
              .lean()
          : [];
        const byText = new Map<string, ImportHousehold[]>();
        for (const household of found) {
          const match: ImportHousehold = {
            id: household._id,
            address: household.address,
            streetId: household.streetId,
            location: household.location ?? null,
          };
          for (const text of new Set([household._id, household.address]))
            if (texts.includes(text)) byText.set(text, [...(byText.get(text) ?? []), match]);
        }
        return byText;
      },
      streetOf: (userId) => staff.streetOf(userId),
    }),
    district,
  );
  const escortTimers = delayedJobs<EscortTimerJob>({
    queueName: 'escorts',
    jobId: (job) => `${job.escortId}-${job.kind}-${job.volunteerId ?? 'open'}`,
    jobName: (job) => job.kind,
    connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
    prefix: `${config.REDIS_PREFIX}:bull`,
    clock,
    logger,
  });
  const familyOf = async (elderId: string | null) =>
    elderId
      ? ((await escortStore.Elder.findById(elderId, { familyUserIds: 1 }).lean())?.familyUserIds ?? [])
      : [];
  const escorts = escortBook({
    models: escortStore,
    district,
    staff,
    relay: notificationRelay,
    locks,
    timers: escortTimers,
    clock,
    logger,
    onChange: (escort, previous) =>
      announceTo('escort', escort._id, escortAudience(escort, previous, familyOf)),
  });
  const scopes = statisticsScopes({ district, streetOf: (userId) => staff.streetOf(userId) });
  const statisticsLabels = statisticsNames({
    district,
    categories,
    nameOf: (userId) => staff.nameOf(userId),
    now: () => clock.now().getTime(),
  });
  // A failed projection is logged and left to the retry and the sweep; figures then lag, but answer.
  const flushStatistics = () => projection.flush().catch(() => undefined);
  const alarmFigures = alarmStatisticsSource(mongo);
  const squadOfStreet = (streetId: string) =>
    district.features.find(({ properties }) => properties.id === streetId)?.properties.squadId;
  const enabledOfficers = officerAccounts(users);
  for (const router of [
    statisticsRoutes(api, {
      tickets: ticketStatisticsService({
        summaries: statisticsByPeriod,
        scopes,
        names: statisticsLabels,
        flush: flushStatistics,
        rule: { ...defaultScoringRule, ...config.TICKET_SCORING_RULE },
        clock,
      }),
      alarms: alarmStatistics({
        alarms: alarmFigures,
        household: async (id) => {
          const household = await householdRecords.findById(id);
          return household
            ? { address: household.address, streetId: household.streetId, ownerIds: household.ownerIds }
            : null;
        },
        scopes,
        clock,
      }),
      live: liveStatistics({
        redis,
        summaries: statisticsByPeriod,
        scopes,
        names: statisticsLabels,
        flush: flushStatistics,
        clock,
        sources: {
          async officersOnDuty(streetId) {
            const squadId = streetId ? squadOfStreet(streetId) : undefined;
            if (streetId && !squadId) return 0;
            const officers = await enabledOfficers.enabled(squadId);
            const statuses = await Promise.all(officers.map((officer) => presence.status(officer._id)));
            return statuses.filter((status) => status.onDuty).length;
          },
          openAlarms: (streetId) => alarmFigures.openCount(streetId),
          openEscorts: (streetId) =>
            escortStore.Escort.countDocuments({
              status: { $in: ['open', 'accepted', 'in_progress'] },
              ...(streetId ? { streetId } : {}),
            }).exec(),
        },
      }),
    }),
    escortRoutes(api, {
      book: escorts,
      staff,
      district,
      redis,
      clock,
      proximitySecret: config.JWT_SECRET,
    }),
    deviceImportRouter,
    deviceRoutesRouter,
    householdRoutes(api, {
      households: householdRecords,
      invitations: ownerInvitations({
        connection: mongo,
        clock,
        secret: config.JWT_SECRET,
        guesses: createRateLimit(
          redis,
          'owner-invitation',
          invitationGuessLimit.attempts,
          invitationGuessLimit.windowSeconds,
        ),
      }),
      district,
      clock,
      staff,
      invitationSms: deps.invitationSms === undefined ? invitationSmsFrom(config, clock) : deps.invitationSms,
      owners: ownerAccounts({
        models: users,
        ownedBy: (userId) => householdRecords.idsOwnedBy(userId),
        reissue: (userId) => auth.reissue(userId),
        now: () => clock.now(),
      }),
    }),
    alarmRoutes(api, {
      book,
      reactions,
      households: householdRecords,
      staff,
      district,
      tokens,
      events: alarmStream,
      devicePresence: (deviceId) => registry.presence(deviceId),
    }),
    readingRoutes(
      api,
      noiseReadings({ devices, readings: deviceReadings, alarms, redis, district, staff, clock }),
    ),
    exportRoutes(
      api,
      exportService({
        sources: {
          tickets,
          alarms: alarmExportSource(alarms),
          escorts: escortExportSource(escortStore.Escort),
        },
        specs: exportDatasetSpecs({ categories, district }),
        district,
        staff,
        clock,
      }),
    ),
  ]) {
    koa.use(router.routes()).use(router.allowedMethods({ throw: false }));
  }

  const handleTimer = slaTimerHandler({
    tickets: ticketsForDispatch,
    dispatcher,
    staff,
    categories,
    reads: inbox,
    clock,
  });
  /** Photos uploaded for a report that never came. */
  const removeExpiredUploads = async () => {
    const expired = await uploads.takeExpired(clock.now());
    if (expired.length) await photos.remove(expired.flatMap((photo) => [photo.id, photo.thumbnailId]));
  };
  const reminders = shiftReminders({ rosters, district, outbox, redis, clock });
  const periodicChores = async () => {
    // Each on its own: a failing one must not hold the other back.
    const outcomes = await Promise.allSettled([
      removeExpiredUploads(),
      reminders.sendDue(),
      // Tickets whose projection a crash lost, then the summaries their changes left dirty.
      projection.sweep().then(() => statisticsByPeriod.refreshDirty({ months: true })),
      // Audit entries MongoDB did not take, and requests a crash interrupted.
      auditEntries.sweep(),
      // Account deletions a crash or a failed step cut short.
      deletions.finishInterrupted(),
      // An erased reporter's photos on tickets finished since.
      erasedPhotos.sweep(),
    ]);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') logger.warn({ err: outcome.reason }, 'periodic chore failed');
    if (outcomes[1]?.status === 'fulfilled' && outcomes[1].value > 0) background.kickDelivery();
  };

  const recovery = redisRecovery({
    redis,
    logger,
    // Deadlines first: overdue ones should fire soon after Redis is back, before the slower rebuilds.
    tasks: [
      slaTimerRecovery({ tickets: ticketsForDispatch, timers, handle: handleTimer, clock, logger }),
      alarmTimerRecovery({ alarms, timers: alarmTimers, timeScale: config.SLA_TIME_SCALE }),
      escortTimerRecovery({
        escorts: escortStore.Escort,
        timers: escortTimers,
        handle: escorts.handleTimer,
        clock,
        logger,
      }),
      // A query over all tickets (a scan on FerretDB): with the recovery, not every 15 s.
      {
        name: 'first-dispatch',
        rebuild: () => dispatcher.redispatchWaiting(),
        sweep: () => dispatcher.redispatchWaiting(),
      },
      {
        name: 'ticket-indexes',
        rebuild: (keepLease) =>
          rebuildTicketIndexes({ store: tickets, workloads, openTickets, clock }, keepLease),
      },
      statisticsRecovery({
        redis,
        store: statisticsRecords,
        projection,
        summaries: statisticsByPeriod,
        tickets: statisticsTickets,
        clock,
      }),
      // Also swept: a crash between an outbox insert and its queueing in Redis must not strand it.
      {
        name: 'outbox',
        rebuild: () => outbox.relayAllFromDatabase(),
        sweep: () => outbox.relayAllFromDatabase(),
      },
    ],
  });
  recoveryRebuilt = recovery.rebuilt;

  return {
    koa,
    async startBackgroundWork() {
      phase = 'starting';
      // Seeds the categories on a first start and loads them before timers and recovery read them.
      await categories.fresh();
      timers.start(handleTimer);
      alarmTimers.start(reactions.handleTimer);
      escortTimers.start(escorts.handleTimer);
      await events.start();
      await alarmStream.start();
      await live.start();
      processor.start();
      // Alongside the rest: it waits for a broker that is away, and nothing below needs it.
      const bridgeStarted = bridge.start().then(
        () => {
          bridgeSubscribed = true;
          return null;
        },
        (error: unknown) => error,
      );
      background.start(periodicChores);
      phase = 'started';
      recovery.start();
      // The first round: rebuilds Redis from MongoDB if it lost its data, then sweeps for overdue deadlines.
      await recovery.runRound();
      const bridgeFailure = await bridgeStarted;
      if (bridgeFailure) throw bridgeFailure;
      logger.info({ redisRebuilt: recovery.rebuilt() }, 'background work started');
    },
    deviceMetrics: () => ({ bridge: bridge.counters, processor: processor.counters }),
    endLiveStreams: async () => {
      await Promise.all([events.stop(), alarmStream.stop(), live.stop()]);
    },
    async close() {
      await recovery.stop();
      // What this instance projected last; should it fail, the marks are left for another's sweep.
      await projection.flush().catch(() => undefined);
      await bridge.stop();
      await processor.stop();
      uplinkWriter.disconnect();
      await alarmTimers.close();
      await escortTimers.close();
      brokerAccounts.close();
      await alarmStream.stop();
      await events.stop();
      await live.stop();
      await background.stop();
      await timers.close();
    },
  };
}
