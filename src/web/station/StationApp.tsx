/**
 * The station manager's phone app (/station): signs in with the county's QR code, then records
 * orders, parcels and the day's opening offline, and syncs them when the network returns.
 */
import { useCallback, useEffect, useState } from "react";
import { loadMe, Refused, type StationMe, signInWithToken } from "./api";
import { DayPanel } from "./DayPanel";
import { FiguresPanel } from "./FiguresPanel";
import { OrderForm } from "./OrderForm";
import { ParcelForm } from "./ParcelForm";
import { SyncPanel } from "./SyncPanel";
import { deleteValue, getValue, type Problem, problems, type Queued, queued, setValue } from "./store";
import { type SyncResult, syncNow } from "./sync";

type Tab = "order" | "parcel" | "day" | "figures";
const TABS: { key: Tab; label: string }[] = [
  { key: "order", label: "记一单" },
  { key: "parcel", label: "包裹" },
  { key: "day", label: "营业" },
  { key: "figures", label: "本月" },
];

type Access = { kind: "loading" } | { kind: "signed_out"; message: string } | { kind: "in"; me: StationMe };

const SIGN_IN_HINT = "请用县里（或承办企业）给您的二维码登录：用手机扫码即可。";

/** Reads the one-time token from the QR link's fragment and forgets it at once. */
function takeLinkToken(): string | undefined {
  const m = /(?:^#|&)t=([^&]+)/.exec(window.location.hash);
  if (!m) return undefined;
  history.replaceState(null, "", window.location.pathname);
  return decodeURIComponent(m[1]!);
}

export function StationApp() {
  const [access, setAccess] = useState<Access>({ kind: "loading" });
  const [online, setOnline] = useState(navigator.onLine);
  const [tab, setTab] = useState<Tab>("order");
  const [queue, setQueue] = useState<Queued[]>([]);
  const [issues, setIssues] = useState<Problem[]>([]);
  const [lastSync, setLastSync] = useState<SyncResult | undefined>();
  const [toast, setToast] = useState<string | undefined>();

  const refreshLocal = useCallback(async () => {
    setQueue(await queued());
    setIssues(await problems());
  }, []);

  const refreshMe = useCallback(async () => {
    try {
      const me = await loadMe();
      await setValue("me", me);
      setAccess({ kind: "in", me });
    } catch (error) {
      if (error instanceof Refused && (error.status === 401 || error.status === 403)) {
        await deleteValue("me");
        setAccess({ kind: "signed_out", message: `登录已失效或账号已被县里注销。${SIGN_IN_HINT}` });
        return;
      }
      // Offline: the station as last seen.
      const me = await getValue<StationMe>("me");
      setAccess(me ? { kind: "in", me } : { kind: "signed_out", message: `现在没有网络。${SIGN_IN_HINT}` });
    }
  }, []);

  const sync = useCallback(async () => {
    const result = await syncNow();
    setLastSync(result);
    await refreshLocal();
    if (result.kind === "done" && result.synced + result.problems > 0) await refreshMe();
    if (result.kind === "refused" && (result.status === 401 || result.status === 403)) await refreshMe();
    return result;
  }, [refreshLocal, refreshMe]);

  useEffect(() => {
    (async () => {
      const token = takeLinkToken();
      if (token) {
        try {
          await signInWithToken(token);
        } catch (error) {
          setAccess({
            kind: "signed_out",
            message: error instanceof Refused ? error.message : `登录需要网络，请连上网络后再扫一次码。`,
          });
          return;
        }
      }
      await refreshLocal();
      await refreshMe();
      await sync();
    })();
  }, [refreshLocal, refreshMe, sync]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    // A network that comes back quietly (no event) is noticed within a minute.
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sync();
    }, 60_000);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      window.clearInterval(timer);
    };
  }, [sync]);

  const saved = useCallback(
    async (what: string) => {
      await refreshLocal();
      setToast(`${what}已保存${navigator.onLine ? "，正在同步" : "，有网络时自动同步"}`);
      window.setTimeout(() => setToast(undefined), 3000);
      if (navigator.onLine) void sync();
    },
    [refreshLocal, sync],
  );

  if (access.kind === "loading") return <main className="st-center">正在打开…</main>;
  if (access.kind === "signed_out") {
    return (
      <main className="st-center">
        <h1>站点助手</h1>
        <p className="st-message" role="alert">
          {access.message}
        </p>
        {queue.length > 0 && (
          <p className="st-warn">手机上还有 {queue.length} 条记录没有同步，重新登录后会继续同步。</p>
        )}
      </main>
    );
  }
  const { me } = access;
  return (
    <div className="st-app">
      <header className="st-header">
        <div>
          <div className="st-title">{me.station.name}</div>
          <div className="st-sub">
            {me.station.countyName} {me.station.townshipName ?? ""} · {me.account.displayName}
          </div>
        </div>
        <span className={online ? "st-chip st-online" : "st-chip st-offline"} data-testid="network">
          {online ? "在线" : "离线"}
        </span>
      </header>
      <SyncPanel
        queue={queue}
        problems={issues}
        online={online}
        lastSync={lastSync}
        onSync={() => void sync()}
        onDismissed={refreshLocal}
      />
      {toast && (
        <div className="st-toast" role="status">
          {toast}
        </div>
      )}
      <main className="st-main">
        {tab === "order" && <OrderForm onSaved={() => saved("订单")} />}
        {tab === "parcel" && <ParcelForm onSaved={() => saved("包裹")} />}
        {tab === "day" && <DayPanel today={me.today} onSaved={() => saved("营业记录")} />}
        {tab === "figures" && <FiguresPanel me={me} queue={queue} />}
      </main>
      <nav className="st-tabs">
        {TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            className={t.key === tab ? "st-tab st-tab-on" : "st-tab"}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </nav>
    </div>
  );
}
