/** 包裹: a parcel received (下行, from the county warehouse) or sent out (上行), by waybill number. */
import { useCallback, useState } from "react";
import { yuanToFen } from "../../rules/money";
import { parseWeightGrams } from "../../rules/operations";
import { canScan, Scanner } from "./Scanner";
import { chinaNow, enqueue, newSourceId } from "./store";

const CARRIERS = ["中国邮政", "顺丰", "京东", "中通", "圆通", "申通", "韵达", "极兔"];

export function ParcelForm({ onSaved }: { onSaved: () => void }) {
  const [direction, setDirection] = useState<"down" | "up">("down");
  const [waybill, setWaybill] = useState("");
  const [carrier, setCarrier] = useState(CARRIERS[0]!);
  const [dispatchedOn, setDispatchedOn] = useState("");
  const [weight, setWeight] = useState("");
  const [fee, setFee] = useState("");
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const scanned = useCallback((code: string) => {
    setWaybill(code);
    setScanning(false);
  }, []);

  const save = async () => {
    const number = waybill.trim();
    if (!/^[A-Za-z0-9-]{4,64}$/.test(number)) return setError("运单号应为 4–64 位字母或数字");
    const today = chinaNow().slice(0, 10);
    if (direction === "down" && (!/^\d{4}-\d{2}-\d{2}$/.test(dispatchedOn) || dispatchedOn > today)) {
      return setError("请填写面单上的发出日期（不能晚于今天）");
    }
    let weightGrams: number | null = null;
    let feeFen: number | null = null;
    if (direction === "up" && weight.trim()) {
      const w = parseWeightGrams(weight);
      if (!w.ok) return setError(`重量：${w.reason.zh}`);
      weightGrams = w.value;
    }
    if (direction === "up" && fee.trim()) {
      const f = yuanToFen(fee);
      if (!f.ok) return setError(`运费：${f.reason.zh}`);
      feeFen = f.value;
    }
    setError(undefined);
    await enqueue({
      sourceId: newSourceId(),
      type: "parcel",
      data: {
        waybill: number,
        carrier,
        direction,
        at: chinaNow(),
        dispatchedOn: direction === "down" ? dispatchedOn : null,
        weightGrams,
        feeFen,
      },
      createdAt: chinaNow(),
    });
    setWaybill("");
    setWeight("");
    setFee("");
    onSaved();
  };

  return (
    <form
      className="st-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>包裹</h2>
      <div className="st-choices">
        <button
          type="button"
          className={direction === "down" ? "st-choice st-choice-on" : "st-choice"}
          aria-pressed={direction === "down"}
          onClick={() => setDirection("down")}
        >
          收件（签收）
        </button>
        <button
          type="button"
          className={direction === "up" ? "st-choice st-choice-on" : "st-choice"}
          aria-pressed={direction === "up"}
          onClick={() => setDirection("up")}
        >
          寄件（发出）
        </button>
      </div>
      <label className="st-label">
        运单号
        <input
          className="st-input"
          name="waybill"
          autoComplete="off"
          value={waybill}
          onChange={(e) => setWaybill(e.target.value)}
        />
      </label>
      {canScan() && !scanning && (
        <button type="button" className="st-button st-secondary" onClick={() => setScanning(true)}>
          用相机扫运单
        </button>
      )}
      {scanning && <Scanner onCode={scanned} onClose={() => setScanning(false)} />}
      <label className="st-label">
        快递公司
        <select
          className="st-input"
          name="carrier"
          value={carrier}
          onChange={(e) => setCarrier(e.target.value)}
        >
          {CARRIERS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {direction === "down" ? (
        <label className="st-label">
          发出日期（看面单）
          <input
            className="st-input"
            type="date"
            name="dispatchedOn"
            value={dispatchedOn}
            onChange={(e) => setDispatchedOn(e.target.value)}
          />
        </label>
      ) : (
        <>
          <label className="st-label">
            重量（公斤，可不填）
            <input
              className="st-input"
              inputMode="decimal"
              name="weight"
              value={weight}
              onChange={(e) => setWeight(e.target.value)}
            />
          </label>
          <label className="st-label">
            运费（元，可不填）
            <input
              className="st-input"
              inputMode="decimal"
              name="fee"
              value={fee}
              onChange={(e) => setFee(e.target.value)}
            />
          </label>
        </>
      )}
      {error && <p className="st-error">{error}</p>}
      <button type="submit" className="st-button">
        {direction === "down" ? "保存签收" : "保存寄件"}
      </button>
    </form>
  );
}
