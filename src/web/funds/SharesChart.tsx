/**
 * The plan's shares of the subsidy against the F2 targets, with the ±2 pp band of rule F3: a share
 * is red when the same check the server runs puts it outside tolerance.
 */
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { DEFAULT_FUND_SETTINGS, FUND_CATEGORIES, FUND_GROUPS, type FundShare } from "../../rules/funds";
import type { Language } from "../app/language";

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const names = new Map<string, { zh: string; en: string }>([
  ...FUND_CATEGORIES.map((c) => [c.key, c.name] as const),
  ...FUND_GROUPS.map((g) => [g.key, g.name] as const),
]);

export default function SharesChart({
  shares,
  language,
}: {
  shares: readonly FundShare[];
  language: Language;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current);
    const tol = DEFAULT_FUND_SETTINGS.toleranceBp / 100;
    const pct = (bp: number) => bp / 100;
    chart.setOption({
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (items: { dataIndex: number }[]) => {
          const s = shares[items[0]?.dataIndex ?? 0];
          if (!s) return "";
          const label = names.get(s.key)?.[language] ?? s.key;
          return `${label}<br/>${pct(s.shareBp).toFixed(2)}% · ${language === "zh" ? "目标" : "target"} ${pct(s.targetBp)}% ± ${tol}`;
        },
      },
      legend: {
        top: 0,
        data: [language === "zh" ? "占比" : "Share", language === "zh" ? "±2 个百分点" : "±2 pp band"],
      },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: shares.map((s) => names.get(s.key)?.[language] ?? s.key),
        axisLabel: { interval: 0, rotate: 30, width: 90, overflow: "truncate" },
      },
      yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
      series: [
        // The band: an invisible base up to target − 2, then 4 pp of light green.
        {
          type: "bar",
          stack: "band",
          silent: true,
          itemStyle: { color: "transparent" },
          data: shares.map((s) => Math.max(0, pct(s.targetBp) - tol)),
          barWidth: 36,
        },
        {
          name: language === "zh" ? "±2 个百分点" : "±2 pp band",
          type: "bar",
          stack: "band",
          silent: true,
          itemStyle: { color: "rgba(82, 196, 26, 0.25)" },
          data: shares.map((s) => pct(s.targetBp) + tol - Math.max(0, pct(s.targetBp) - tol)),
        },
        {
          name: language === "zh" ? "占比" : "Share",
          type: "bar",
          barGap: "-100%",
          barWidth: 14,
          data: shares.map((s) => ({
            value: pct(s.shareBp),
            itemStyle: { color: s.withinTolerance ? "#1677ff" : "#cf1322" },
          })),
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [shares, language]);
  return <div ref={element} style={{ height: 300, width: "100%" }} data-testid="fund-shares-chart" />;
}
