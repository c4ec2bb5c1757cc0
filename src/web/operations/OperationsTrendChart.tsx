import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { CountyOperations } from "./operations.api";

use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** Monthly trend: online rate and share within 7 days (%, left), orders per station (right). */
export default function OperationsTrendChart({ report, zh }: { report: CountyOperations; zh: boolean }) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current);
    const months = report.trend.map((t) => t.month);
    const percent = (bp: number) => bp / 100;
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: months },
      yAxis: [
        { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        { type: "value", min: 0 },
      ],
      series: [
        {
          name: zh ? "上线率" : "Online rate",
          type: "line",
          data: report.trend.map((t) => (t.stations ? percent(t.onlineRateBp) : null)),
          markLine: { silent: true, data: [{ yAxis: percent(report.thresholds.onlineRateBp) }] },
        },
        {
          name: zh ? "7日内送达" : "Within 7 days",
          type: "line",
          data: report.trend.map((t) => (t.downShipments ? percent(t.withinDaysBp) : null)),
        },
        {
          name: zh ? "站均代购单数" : "Orders per station",
          type: "bar",
          yAxisIndex: 1,
          data: report.trend.map((t) => t.avgOrdersPerStationMonth),
          markLine: { silent: true, data: [{ yAxis: report.thresholds.ordersPerStationMonth }] },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [report, zh]);

  return <div ref={element} data-testid="operations-trend" style={{ width: "100%", height: 320 }} />;
}
