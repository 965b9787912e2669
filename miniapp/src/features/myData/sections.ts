import {
  beijingClock,
  beijingDate,
  notificationTemplates,
  staffRoles,
  type NotificationTemplate,
  type PersonalData,
} from '@jiefang/contracts';
import { t } from '../../i18n';
import { statusLabel } from '../report/labels';

/** One thing held about the user, as the page lists it: a title and its lines. */
export interface DataRow {
  key: string;
  title: string;
  lines: string[];
}

/** A group of what is held (账号信息, 我的上报…), with how many there are in all. */
export interface DataSection {
  id: string;
  title: string;
  /** 共 n 条 (and how many are shown when a list is cut to the newest). */
  count: string | null;
  rows: DataRow[];
}

const when = (iso: string) => (iso ? `${beijingDate(Date.parse(iso))} ${beijingClock(Date.parse(iso))}` : '');

const countOf = (list: { total: number; items: unknown[] }) =>
  list.total > list.items.length
    ? t('myData.totalShown', { n: list.total, shown: list.items.length })
    : t('myData.total', { n: list.total });

const templateTitle = (template: string) =>
  template in notificationTemplates
    ? notificationTemplates[template as NotificationTemplate].title
    : template;

/** Whether the account may be deleted here: staff accounts are disabled by an administrator instead. */
export const canDeleteAccount = (data: Pick<PersonalData, 'account'>): boolean =>
  !data.account.roles.some((role) => staffRoles.includes(role));

/** Everything held about the user, grouped with Chinese labels; empty groups say 无. */
export function dataSections(data: PersonalData): DataSection[] {
  const { account } = data;
  const sections: DataSection[] = [
    {
      id: 'account',
      title: t('myData.section.account'),
      count: null,
      rows: [
        { key: 'name', title: t('myData.account.name'), lines: [account.name] },
        {
          key: 'roles',
          title: t('myData.account.roles'),
          lines: [account.roles.map((role) => t(`role.${role}`)).join('、')],
        },
        { key: 'createdAt', title: t('myData.account.createdAt'), lines: [when(account.createdAt)] },
        { key: 'phone', title: t('myData.account.phone'), lines: [account.phone ?? t('myData.none')] },
        { key: 'street', title: t('myData.account.street'), lines: [account.streetId ?? t('myData.none')] },
        {
          key: 'signIn',
          title: t('myData.account.signIn'),
          lines: account.signIns.map((signIn) => t(`myData.signIn.${signIn.kind}`, { key: signIn.key })),
        },
      ],
    },
    {
      id: 'reports',
      title: t('myData.section.reports'),
      count: countOf(data.reports),
      rows: data.reports.items.map((report) => ({
        key: report.id,
        title: `${report.categoryName} · ${statusLabel(report.status)}`,
        lines: [
          when(report.submittedAt),
          report.address,
          report.description,
          t('myData.report.location', {
            lat: report.location.lat.toFixed(5),
            lng: report.location.lng.toFixed(5),
          }),
          t('myData.report.photos', { n: report.photoCount }),
          ...(report.joined ? [t('myData.report.joined')] : []),
          ...(report.anonymous ? [t('myData.report.anonymous')] : []),
          ...(report.rating
            ? [t('myData.report.rating', { score: report.rating.score, comment: report.rating.comment })]
            : []),
        ].filter((line) => line !== ''),
      })),
    },
    {
      id: 'elders',
      title: t('myData.section.elders'),
      count: countOf(data.elders),
      rows: data.elders.items.map((elder) => ({
        key: elder.id,
        title: elder.name,
        lines: [
          elder.phone,
          elder.address,
          t(elder.registeredByMe ? 'myData.elder.mine' : 'myData.elder.family'),
          ...(elder.emergencyContacts.length
            ? [
                t('myData.elder.contacts', {
                  list: elder.emergencyContacts
                    .map((contact) => `${contact.name} ${contact.phone}`)
                    .join('，'),
                }),
              ]
            : []),
        ],
      })),
    },
    {
      id: 'escorts',
      title: t('myData.section.escorts'),
      count: countOf(data.escorts),
      rows: data.escorts.items.map((escort) => ({
        key: escort.id,
        title: `${t(`escort.service.${escort.serviceType}`)} · ${t(`escort.status.${escort.status}`)}`,
        lines: [
          `${t(escort.as === 'booker' ? 'myData.escort.asBooker' : 'myData.escort.asVolunteer')} · ${escort.elderName}`,
          when(escort.windowStart),
          ...[escort.pickupAddress, escort.hospital, escort.destination, escort.notes].filter(
            (line): line is string => !!line,
          ),
        ],
      })),
    },
    {
      id: 'volunteer',
      title: t('myData.section.volunteer'),
      count: null,
      rows: data.volunteer
        ? [
            { key: 'realName', title: t('myData.volunteer.realName'), lines: [data.volunteer.realName] },
            { key: 'phone', title: t('myData.volunteer.phone'), lines: [data.volunteer.phone] },
            {
              key: 'skills',
              title: t('myData.volunteer.skills'),
              lines: [
                data.volunteer.skills.map((skill) => t(`escort.skill.${skill}`)).join('、') ||
                  t('myData.none'),
              ],
            },
            {
              key: 'area',
              title: t('myData.volunteer.area'),
              lines: [
                t('myData.volunteer.areaValue', {
                  street: data.volunteer.streetId,
                  km: data.volunteer.radiusKm,
                }),
              ],
            },
            {
              key: 'verified',
              title: t('myData.volunteer.verified'),
              lines: [t(data.volunteer.verified ? 'myData.yes' : 'myData.no')],
            },
            {
              key: 'served',
              title: t('myData.volunteer.served'),
              lines: [t('myData.volunteer.servedValue', { minutes: data.volunteer.servedMinutes })],
            },
          ]
        : [],
    },
    {
      id: 'households',
      title: t('myData.section.households'),
      count: countOf(data.households),
      rows: data.households.items.map((household) => ({
        key: household.id,
        title: household.address,
        lines: [
          t('myData.household.devices', { n: household.deviceIds.length }),
          ...(household.contacts.length
            ? [
                t('myData.household.contacts', {
                  list: household.contacts.map((contact) => `${contact.name} ${contact.phone}`).join('，'),
                }),
              ]
            : []),
        ],
      })),
    },
    {
      id: 'notifications',
      title: t('myData.section.notifications'),
      count: countOf(data.notifications),
      rows: data.notifications.items.map((item) => ({
        key: item.id,
        title: templateTitle(item.template),
        lines: [
          `${when(item.createdAt)} · ${t(item.read ? 'myData.notification.read' : 'myData.notification.unread')}`,
        ],
      })),
    },
    {
      id: 'subscriptions',
      title: t('myData.section.subscriptions'),
      count: null,
      rows: data.subscriptions.map((subscription) => ({
        key: subscription.template,
        title: templateTitle(subscription.template),
        lines: [
          `${subscriptionAnswer(subscription.answer)} · ${t('myData.subscription.credits', { n: subscription.credits })}`,
        ],
      })),
    },
    {
      id: 'technical',
      title: t('myData.section.technical'),
      count: null,
      rows: data.technical.map((item) => ({
        key: item.kind,
        title: item.kind,
        lines: [expiryText(item.expiresInSeconds)],
      })),
    },
  ];
  return sections;
}

/** When a short-lived record goes by itself: in minutes, hours or days, rounded up. */
function expiryText(seconds: number | null): string {
  if (seconds === null) return t('myData.technical.noExpiry');
  if (seconds < 3600) return t('myData.technical.expires', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  if (seconds < 2 * 86_400) return t('myData.technical.expiresHours', { hours: Math.ceil(seconds / 3600) });
  return t('myData.technical.expiresDays', { days: Math.ceil(seconds / 86_400) });
}

function subscriptionAnswer(answer: string): string {
  if (answer === 'accept') return t('myData.subscription.accept');
  if (answer === 'reject') return t('myData.subscription.reject');
  return t('myData.subscription.ban');
}
