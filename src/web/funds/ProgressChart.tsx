/** Construction and disbursement progress over time, with the 40% line of veto E4. */
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { DEFAULT_PROGRESS_SETTINGS } from "../../rules/fund-progress";
import type { Language } from "../app/language";
import type { ProgressPoint } from "./funds.api";

use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export default function ProgressChart({
  points,
  language,
}: {
  points: readonly ProgressPoint[];
  language: Language;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current);
    const zh = language === "zh";
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: points.map((p) => p.date) },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        {
          name: zh ? "建设进度" : "Construction",
          type: "line",
          data: points.map((p) => p.constructionBp / 100),
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: "#cf1322" },
            label: { formatter: zh ? "否决线 40%" : "Veto line 40%" },
            data: [{ yAxis: DEFAULT_PROGRESS_SETTINGS.riskBelowBp / 100 }],
          },
        },
        {
          name: zh ? "拨付进度" : "Disbursement",
          type: "line",
          data: points.map((p) => p.disbursementBp / 100),
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points, language]);
  return <div ref={element} style={{ height: 260, width: "100%" }} data-testid="fund-progress-chart" />;
}
