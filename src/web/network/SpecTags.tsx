import { Space, Tag } from "antd";
import type { SpecCheck } from "../../rules/network";
import { useNetworkText } from "./network.messages";

/** A spec check (S3–S5) item by item: green when it passes, else each failing item in red. */
export function SpecTags({ spec }: { spec: SpecCheck }) {
  const nt = useNetworkText();
  if (spec.ok) return <Tag color="green">{nt("specOk")}</Tag>;
  return (
    <Space size={[4, 4]} wrap data-testid="spec-problems">
      {spec.problems.map((p) => (
        <Tag key={p} color="red" style={{ whiteSpace: "normal" }}>
          {p}
        </Tag>
      ))}
    </Space>
  );
}
