import type { PersonalData } from '@jiefang/contracts';
import { servedMinutes } from '../../domain/escortRules';
import { notFound } from '../../http/httpError';
import type { CategoryCatalogue } from '../../domain/categories';
import type { Clock } from '../../infra/clock';
import type { EscortDocument } from '../escorts/escortModels';
import type { TicketDocument } from '../tickets/ticketModel';
import { submissionOf } from '../tickets/ticketSubmissions';
import type { PersonalRedisKeys } from './personalRedisKeys';
import { escortsOf, type PersonalRecords } from './personalRecords';

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : '');

/** An identity key (`wechat:<openid>`, `username:<name>`, `dev:…`) as its owner may see it. */
function signInOf(key: string, createdAt: Date): PersonalData['account']['signIns'][number] {
  const [kind = '', ...rest] = key.split(':');
  const value = rest.join(':');
  if (kind === 'wechat')
    // The openid is WeChat's identifier of the person for this app: shown masked, as a card number is.
    return {
      kind: 'wechat',
      key: value.length > 8 ? `${value.slice(0, 4)}…${value.slice(-4)}` : value,
      createdAt: iso(createdAt),
    };
  if (kind === 'username') return { kind: 'username', key: value, createdAt: iso(createdAt) };
  return { kind: 'dev', key: value, createdAt: iso(createdAt) };
}

const ratingBy = (
  ratings: ReadonlyArray<{ score: number; comment: string; at: Date; by: string } | null | undefined>,
  userId: string,
) => {
  const found = ratings.find((rating) => rating?.by === userId);
  return found ? { score: found.score, comment: found.comment, at: iso(found.at) } : null;
};

/**
 * 我的数据: everything the system holds about one person, read from every collection that names them
 * (personalRecords) and the short-lived Redis keys. Each list is the newest `limit` with its total.
 */
export function personalDataReader(deps: {
  records: PersonalRecords;
  redisKeys: PersonalRedisKeys;
  categories: CategoryCatalogue;
  clock: Clock;
}) {
  const { records: db } = deps;

  const reports = async (userId: string, limit: number): Promise<PersonalData['reports']> => {
    const filter = { reporterIds: userId };
    const [total, tickets] = await Promise.all([
      db.Ticket.countDocuments(filter).exec(),
      db.Ticket.find(filter).sort({ reportedAt: -1 }).limit(limit).lean<TicketDocument[]>().exec(),
    ]);
    return {
      total,
      items: tickets.map((ticket) => {
        const own = submissionOf(ticket, userId);
        return {
          id: ticket._id,
          category: ticket.category,
          categoryName: deps.categories.get(ticket.category).name,
          status: ticket.status,
          submittedAt: iso(own?.submittedAt ?? ticket.reportedAt),
          address: own?.address ?? ticket.address,
          description: own?.description ?? '',
          location: own?.location ?? ticket.location,
          anonymous: own?.anonymous ?? false,
          photoCount: own?.photos.length ?? 0,
          joined: ticket.reporters[0]?.userId !== userId,
          rating: ratingBy([...(ticket.ratings ?? []), ticket.rating], userId),
        };
      }),
    };
  };

  const escorts = async (userId: string, limit: number): Promise<PersonalData['escorts']> => {
    const filter = escortsOf(userId);
    const [total, found] = await Promise.all([
      db.Escort.countDocuments(filter).exec(),
      db.Escort.find(filter).sort({ windowStart: -1 }).limit(limit).lean<EscortDocument[]>().exec(),
    ]);
    return {
      total,
      items: found.map((escort) => ({
        id: escort._id,
        as: escort.volunteerId === userId ? ('volunteer' as const) : ('booker' as const),
        serviceType: escort.serviceType,
        status: escort.status,
        elderName: escort.elderName,
        windowStart: iso(escort.windowStart),
        windowEnd: iso(escort.windowEnd),
        pickupAddress: escort.pickupAddress,
        destination: escort.destination,
        hospital: escort.hospital,
        notes: escort.notes,
        rating: ratingBy([escort.rating], userId),
      })),
    };
  };

  const volunteer = async (userId: string): Promise<PersonalData['volunteer']> => {
    const profile = await db.Volunteer.findById(userId).lean().exec();
    if (!profile) return null;
    const served = await db.Escort.find(
      { volunteerId: userId, status: 'completed' },
      { checkedInAt: 1, completedAt: 1, windowStart: 1 },
    )
      .lean<EscortDocument[]>()
      .exec();
    return {
      realName: profile.realName,
      phone: profile.phone,
      skills: profile.skills,
      streetId: profile.serviceArea.streetId,
      radiusKm: profile.serviceArea.radiusKm,
      verified: profile.verified,
      registeredAt: iso(profile.createdAt),
      servedMinutes: served.reduce(
        (sum, escort) =>
          escort.checkedInAt && escort.completedAt
            ? sum + servedMinutes(escort.checkedInAt, escort.completedAt, escort.windowStart)
            : sum,
        0,
      ),
    };
  };

  const notifications = async (userId: string, limit: number): Promise<PersonalData['notifications']> => {
    const filter = { recipientId: userId };
    const [total, found, mark] = await Promise.all([
      db.Outbox.countDocuments(filter).exec(),
      db.Outbox.find(filter, { template: 1, createdAt: 1, readAt: 1 })
        .sort({ createdAt: -1 })
        .limit(limit)
        .lean()
        .exec(),
      db.ReadMark.findById(userId).lean().exec(),
    ]);
    return {
      total,
      items: found.map((item) => ({
        id: item._id,
        template: item.template,
        createdAt: iso(item.createdAt),
        read: !!item.readAt || (!!mark && item.createdAt <= mark.allReadAt),
      })),
    };
  };

  return {
    async read(userId: string, limit: number): Promise<PersonalData> {
      const user = await db.User.findById(userId).lean().exec();
      if (!user || user.deletion) throw notFound('用户不存在或已注销');
      const elderFilter = { $or: [{ familyUserIds: userId }, { createdBy: userId }] };
      const householdFilter = { ownerIds: userId };
      const [identities, reportList, elderTotal, elders, escortList, volunteerProfile] = await Promise.all([
        db.Identity.find({ userId }).lean().exec(),
        reports(userId, limit),
        db.Elder.countDocuments(elderFilter).exec(),
        db.Elder.find(elderFilter).sort({ createdAt: -1 }).limit(limit).lean().exec(),
        escorts(userId, limit),
        volunteer(userId),
      ]);
      const [householdTotal, households, notificationList, subscriptions, technical] = await Promise.all([
        db.Household.countDocuments(householdFilter).exec(),
        db.Household.find(householdFilter).sort({ createdAt: -1 }).limit(limit).lean().exec(),
        notifications(userId, limit),
        db.Subscription.find({ userId }).lean().exec(),
        deps.redisKeys.list(userId),
      ]);
      const devices = households.length
        ? await db.Device.find(
            { householdId: { $in: households.map((household) => household._id) } },
            { householdId: 1 },
          )
            .lean()
            .exec()
        : [];
      return {
        generatedAt: deps.clock.now().toISOString(),
        listLimit: limit,
        account: {
          id: user._id,
          name: user.name,
          roles: user.roles,
          createdAt: iso(user.createdAt),
          phone: user.phone ?? null,
          streetId: user.streetId ?? null,
          signIns: identities.map((identity) => signInOf(identity._id, identity.createdAt)),
        },
        reports: reportList,
        elders: {
          total: elderTotal,
          items: elders.map((elder) => ({
            id: elder._id,
            name: elder.name,
            phone: elder.phone,
            address: elder.address,
            registeredByMe: elder.createdBy === userId,
            emergencyContacts: (elder.emergencyContacts ?? []).map((contact) => ({
              name: contact.name,
              phone: contact.phone,
              relation: contact.relation ?? null,
            })),
          })),
        },
        escorts: escortList,
        volunteer: volunteerProfile,
        households: {
          total: householdTotal,
          items: households.map((household) => ({
            id: household._id,
            address: household.address,
            streetId: household.streetId,
            contacts: (household.contacts ?? []).map((contact) => ({
              name: contact.name,
              phone: contact.phone,
            })),
            deviceIds: devices
              .filter((device) => device.householdId === household._id)
              .map((device) => device._id),
          })),
        },
        notifications: notificationList,
        subscriptions: subscriptions.map((subscription) => ({
          template: subscription.template,
          answer: subscription.answer,
          answeredAt: iso(subscription.answeredAt),
          credits: subscription.credits,
        })),
        technical,
      };
    },
  };
}

export type PersonalDataReader = ReturnType<typeof personalDataReader>;
