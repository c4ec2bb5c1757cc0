import { Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from "antd";
import { formatBp } from "../../rules/money";
import { RuleTip } from "../components/RuleTip";
import type { CoverageTarget } from "./network.api";
import { useNetworkText } from "./network.messages";

/** The four coverage targets (G1 ×2, S8, S7) as cards; with `after`, the what-if value beside each. */
export function CoverageTargets({ targets, after }: { targets: CoverageTarget[]; after?: CoverageTarget[] }) {
  const nt = useNetworkText();
  return (
    <Row gutter={[16, 16]}>
      {targets.map((target) => {
        const next = after?.find((a) => a.key === target.key);
        return (
          <Col key={target.key} xs={24} sm={12} xl={6}>
            <Card size="small" data-testid={`target-${target.key}`} style={{ height: "100%" }}>
              <Statistic
                title={<RuleTip rule={target.rule}>{nt(`target.${target.key}`)}</RuleTip>}
                value={formatBp(target.bp)}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {target.numerator}/{target.denominator}
                  </Typography.Text>
                }
              />
              <Progress
                percent={Math.min(100, target.bp / 100)}
                success={{ percent: 0 }}
                showInfo={false}
                status={target.ok ? "success" : "exception"}
                size="small"
              />
              <Space size={4} wrap>
                <Tag color={target.ok ? "green" : "red"}>{target.ok ? nt("met") : nt("notMet")}</Tag>
                <Typography.Text type="secondary">
                  {nt("threshold", { pct: formatBp(target.thresholdBp) })}
                </Typography.Text>
                {!target.ok && target.shortBy > 0 && <Tag>{nt("shortBy", { n: target.shortBy })}</Tag>}
              </Space>
              {next && next.bp !== target.bp && (
                <div data-testid={`what-if-${target.key}`} style={{ marginTop: 8 }}>
                  <Typography.Text strong>→ {formatBp(next.bp)}</Typography.Text>{" "}
                  <Tag color={next.ok ? "green" : "orange"}>{next.ok ? nt("met") : nt("notMet")}</Tag>
                </div>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
