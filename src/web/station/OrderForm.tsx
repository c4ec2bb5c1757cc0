/** 记一单: the kind in one tap, the amount in yuan, saved on the phone at once. */
import { useState } from "react";
import { yuanToFen } from "../../rules/money";
import { ORDER_KINDS, type OrderKind } from "../../rules/operations";
import { chinaNow, enqueue, newSourceId } from "./store";

const KINDS: OrderKind[] = ["agency_purchase", "agency_sale", "bill_payment", "cash_withdrawal"];

export function OrderForm({ onSaved }: { onSaved: () => void }) {
  const [kind, setKind] = useState<OrderKind>("agency_purchase");
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    const fen = yuanToFen(amount);
    if (!fen.ok) {
      setError(fen.reason.zh);
      return;
    }
    setError(undefined);
    await enqueue({
      sourceId: newSourceId(),
      type: "order",
      data: { kind, amountFen: fen.value, at: chinaNow() },
      createdAt: chinaNow(),
    });
    setAmount("");
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
      <h2>记一单</h2>
      <div className="st-choices">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={k === kind ? "st-choice st-choice-on" : "st-choice"}
            aria-pressed={k === kind}
            onClick={() => setKind(k)}
          >
            {ORDER_KINDS[k].zh}
          </button>
        ))}
      </div>
      <label className="st-label">
        金额（元）
        <input
          className="st-input"
          inputMode="decimal"
          name="amount"
          value={amount}
          placeholder="例如 128.50"
          onChange={(e) => setAmount(e.target.value)}
        />
      </label>
      {error && <p className="st-error">{error}</p>}
      <button type="submit" className="st-button">
        保存这一单
      </button>
    </form>
  );
}
