/**
 * 营业: open the station in the morning, close it at night. A closed day becomes one uptime record
 * (its open minutes, cut at midnight), the figure behind the online rate (O1).
 */
import { useEffect, useState } from "react";
import { chinaNow, deleteValue, enqueue, getValue, newSourceId, setValue } from "./store";

type OpenDay = { day: string; openedAt: string };

const clock = (at: string) => at.slice(11, 16);

export function DayPanel({ today, onSaved }: { today: string; onSaved: () => void }) {
  const [open, setOpen] = useState<OpenDay | null | undefined>(undefined);
  const [closedToday, setClosedToday] = useState<string | undefined>();

  useEffect(() => {
    void (async () => {
      setOpen((await getValue<OpenDay>("openDay")) ?? null);
      setClosedToday(await getValue<string>(`closed:${chinaNow().slice(0, 10)}`));
    })();
  }, []);

  const openNow = async () => {
    const at = chinaNow();
    const day = { day: at.slice(0, 10), openedAt: at };
    await setValue("openDay", day);
    setOpen(day);
  };
  const closeNow = async () => {
    if (!open) return;
    const at = chinaNow();
    // A day left open past midnight is closed at its own midnight (the server cuts there too).
    const closedAt = at.slice(0, 10) === open.day ? at : `${open.day}T23:59:59+08:00`;
    await enqueue({ sourceId: newSourceId(), type: "day", data: { ...open, closedAt }, createdAt: at });
    await deleteValue("openDay");
    await setValue(`closed:${open.day}`, closedAt);
    setClosedToday(open.day === at.slice(0, 10) ? closedAt : undefined);
    setOpen(null);
    onSaved();
  };

  if (open === undefined) return null;
  return (
    <section className="st-form">
      <h2>营业</h2>
      <p className="st-sub">今天 {today}</p>
      {open ? (
        <>
          <p className="st-big">
            营业中：{open.day === chinaNow().slice(0, 10) ? "" : `${open.day} `}
            {clock(open.openedAt)} 开门
          </p>
          <button type="button" className="st-button" onClick={closeNow}>
            收摊
          </button>
        </>
      ) : (
        <>
          <p className="st-big">{closedToday ? `今天已于 ${clock(closedToday)} 收摊` : "还没有开门"}</p>
          <button type="button" className="st-button" onClick={openNow}>
            开门营业
          </button>
        </>
      )}
    </section>
  );
}
