/**
 * Readings of issue 20 that are settings, not constants: how long a phone's session lasts (long
 * enough for days in a village without network) and how long a QR sign-in link may wait unused.
 */
export type StationAppSettings = {
  /** Days a station phone stays signed in after its last contact with the server. */
  sessionDays: number;
  /** Hours a QR sign-in link stays valid before it is scanned. */
  linkHours: number;
};

export const DEFAULT_STATION_APP_SETTINGS: StationAppSettings = { sessionDays: 7, linkHours: 24 };

const positive = (text: string | undefined) =>
  text && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;

/** The defaults, with SHIFAN_STATION_SESSION_DAYS and SHIFAN_STATION_LINK_HOURS from the environment. */
export function stationAppSettings(env: NodeJS.ProcessEnv = process.env): StationAppSettings {
  return {
    sessionDays: positive(env.SHIFAN_STATION_SESSION_DAYS) ?? DEFAULT_STATION_APP_SETTINGS.sessionDays,
    linkHours: positive(env.SHIFAN_STATION_LINK_HOURS) ?? DEFAULT_STATION_APP_SETTINGS.linkHours,
  };
}
