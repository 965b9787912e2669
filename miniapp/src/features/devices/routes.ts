/** The device pages (噪音, 屋主告警), in the `subpackages/devices` subpackage (kept out of the main package). */
export const NOISE_PAGE = '/subpackages/devices/noise/index';
export const OWNER_ALARMS_PAGE = '/subpackages/devices/owner/index';
/** 绑定住户: an invited owner confirms phone + code. */
export const BIND_HOUSEHOLD_PAGE = '/subpackages/devices/bind/index';

/** How often a visible device page reloads itself. */
export const AUTO_REFRESH_MS = 30_000;

/** The default search radius of 噪音 (the BFF's own default too). */
export const NOISE_RADIUS_M = 3_000;
