/** Tables of the station manager's app: accounts bound to one station, and their QR sign-in links. */

/** A station manager's account bound to one station (站点管理员账号); the account itself is in users. */
export type StationAccountTable = {
  user_id: string;
  county_code: string;
  station_id: string;
  /** 站点编号: the key of the station's operations rows (what the app's records are filed under). */
  station_no: string;
  created_by: string | null;
  created_at: string;
  /** Set when the county revokes the account (lost phone): its sessions are ended at once. */
  revoked_at: string | null;
  revoked_by: string | null;
};

/** A one-time sign-in link shown as a QR code; the database holds only the token's sha256. */
export type StationSignInLinkTable = {
  id: string;
  token_hash: string;
  user_id: string;
  county_code: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

export type StationsAppTables = {
  station_accounts: StationAccountTable;
  station_sign_in_links: StationSignInLinkTable;
};
