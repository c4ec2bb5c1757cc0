/** What is waiting on the phone, and what the server did not count, in plain words. */
import type { Problem, Queued } from "./store";
import { dismissProblem } from "./store";
import type { SyncResult } from "./sync";

const KIND_NAMES: Record<Queued["type"], string> = { order: "订单", parcel: "包裹", day: "营业记录" };

function describe(r: Queued): string {
  if (r.type === "parcel") return `${r.data.direction === "down" ? "收件" : "寄件"} ${r.data.waybill}`;
  if (r.type === "day") return `营业 ${r.data.day}`;
  return KIND_NAMES.order;
}

function statusText(lastSync: SyncResult | undefined, online: boolean, waiting: number): string {
  if (!waiting) return "全部记录已同步";
  if (!online) return `${waiting} 条记录等待同步（现在没有网络，有网络时自动同步）`;
  if (lastSync?.kind === "refused") return `${waiting} 条记录等待同步：${lastSync.message}`;
  if (lastSync?.kind === "offline") return `${waiting} 条记录等待同步（上次同步没有成功，会自动再试）`;
  return `${waiting} 条记录等待同步`;
}

export function SyncPanel(props: {
  queue: Queued[];
  problems: Problem[];
  online: boolean;
  lastSync: SyncResult | undefined;
  onSync: () => void;
  onDismissed: () => void;
}) {
  const { queue, problems, online, lastSync } = props;
  const counts = (["order", "parcel", "day"] as const)
    .map((t) => [t, queue.filter((r) => r.type === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${KIND_NAMES[t]} ${n}`)
    .join("，");
  return (
    <section className="st-sync">
      <div className={queue.length ? "st-pending" : "st-allsynced"} data-testid="sync-status">
        {statusText(lastSync, online, queue.length)}
        {counts && <div className="st-sub">{counts}</div>}
      </div>
      {queue.length > 0 && online && (
        <button type="button" className="st-button st-secondary" onClick={props.onSync}>
          立即同步
        </button>
      )}
      {problems.map((p) => (
        <div key={p.sourceId} className="st-problem" role="alert">
          <strong>{p.status === "conflict" ? "未计入（冲突）" : "未计入（记录有误）"}</strong>：
          {describe(p.record)}
          <div>{p.message}</div>
          <button
            type="button"
            className="st-button st-small"
            onClick={async () => {
              await dismissProblem(p.sourceId);
              props.onDismissed();
            }}
          >
            知道了
          </button>
        </div>
      ))}
    </section>
  );
}
