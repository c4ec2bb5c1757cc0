/** 本月: the manager's own figures against the program's thresholds, in plain words. */
import type { StationMe } from "./api";
import { monthLines } from "./figures";
import type { Queued } from "./store";

export function FiguresPanel({ me, queue }: { me: StationMe; queue: Queued[] }) {
  return (
    <section className="st-form">
      <h2>本月（{me.month.month}）</h2>
      {monthLines(me, queue).map((line) => (
        <div key={line.label} className="st-figure" data-testid="figure">
          <div className="st-figure-head">
            <span>{line.label}</span>
            <span className={line.ok === null ? "st-mark" : line.ok ? "st-mark st-ok" : "st-mark st-no"}>
              {line.ok === null ? "—" : line.ok ? "达标" : "未达标"}
            </span>
          </div>
          <div className="st-big">{line.value}</div>
          <div className="st-sub">
            要求：{line.target}
            {line.note ? ` · ${line.note}` : ""}
          </div>
        </div>
      ))}
    </section>
  );
}
