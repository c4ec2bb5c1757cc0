import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { CountySummary } from "../api/types";
import { useI18n } from "../app/i18n";

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Bars of administrative villages and registered poor villages per county (the G1 denominators). */
export default function VillagesChart({ counties }: { counties: CountySummary[] }) {
  const { t } = useI18n();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current);
    const sorted = [...counties].sort((a, b) => b.villages - a.villages);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: sorted.map((c) => c.name), axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: "value" },
      series: [
        { name: t("province.chartVillages"), type: "bar", data: sorted.map((c) => c.villages) },
        { name: t("province.chartPoor"), type: "bar", data: sorted.map((c) => c.poorVillages) },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [counties, t]);

  return <div ref={element} data-testid="villages-chart" style={{ width: "100%", height: 340 }} />;
}
