import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { CoverageReport } from "./network.api";
import { useNetworkText } from "./network.messages";

use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const percent = (bp: number) => bp / 100;

/** Bars of village and poor-village station coverage per township, with the 50% line (G1). */
export default function TownshipCoverageChart({ report }: { report: CoverageReport }) {
  const nt = useNetworkText();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current);
    const rows = report.townships.filter((t) => t.counts.villages > 0);
    const bpOf = (t: (typeof rows)[number], key: string) => t.targets.find((x) => x.key === key)?.bp ?? 0;
    const threshold = report.targets.find((t) => t.key === "villages")?.thresholdBp ?? 5000;
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: rows.map((t) => t.name), axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        {
          name: nt("chartVillages"),
          type: "bar",
          data: rows.map((t) => percent(bpOf(t, "villages"))),
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: "#cf1322" },
            label: { formatter: "{c}%" },
            data: [{ yAxis: percent(threshold) }],
          },
        },
        { name: nt("chartPoor"), type: "bar", data: rows.map((t) => percent(bpOf(t, "poor_villages"))) },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [report, nt]);

  return <div ref={element} data-testid="township-coverage-chart" style={{ width: "100%", height: 320 }} />;
}
