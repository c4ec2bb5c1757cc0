import { Spin } from "antd";

/** A centred spinner while a page or its data loads. */
export function PageLoading() {
  return (
    <div style={{ display: "flex", justifyContent: "center", padding: "64px 0" }}>
      <Spin size="large" />
    </div>
  );
}
