import { ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef, useState } from "react";
import { formatCount } from "../components/format";
import type { VillageMapData, VillageMapPoint, VillageMapStatus } from "./network.api";
import { type NetworkTextKey, useNetworkText } from "./network.messages";

use([ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const STATUSES: readonly VillageMapStatus[] = ["station", "required", "optional"];
const COLORS: Record<VillageMapStatus, string> = {
  station: "#389e0d",
  required: "#cf1322",
  optional: "#bfbfbf",
};
/** Above the clusters: room for the legend, which wraps to more lines on a phone. */
const LEGEND_PX = { wide: 36, narrow: 84 };
/** A township cell is at least this wide on screen, so a phone shows two columns. */
const MIN_CELL_PX = 160;
const MAX_CELL_PX = 440;
/** The golden angle: successive villages of a township spiral out evenly (a sunflower layout). */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

type Placed = { village: VillageMapPoint; x: number; y: number };

/**
 * No public coordinates exist for the villages, so the map is schematic: townships in code order
 * fill a grid of square cells (row by row), and each township's villages, in code order, spiral
 * out from the centre of its cell. Same data, same picture.
 */
function schematicLayout(data: VillageMapData, columns: number) {
  const byTownship = new Map(data.townships.map((t) => [t.code, [] as VillageMapPoint[]]));
  for (const v of data.villages) byTownship.get(v.townshipCode)?.push(v);
  const townships = data.townships.filter((t) => (byTownship.get(t.code)?.length ?? 0) > 0);
  const largest = Math.max(1, ...townships.map((t) => byTownship.get(t.code)!.length));
  // The largest township's spiral reaches 0.38 of a cell from its centre; below the name label.
  const spacing = 0.38 / Math.sqrt(largest);
  const placed: Placed[] = [];
  const labels = townships.map((t, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const [cx, cy] = [col + 0.5, row + 0.56];
    byTownship.get(t.code)!.forEach((village, k) => {
      const r = spacing * Math.sqrt(k + 0.5);
      placed.push({
        village,
        x: cx + r * Math.cos(k * GOLDEN_ANGLE),
        y: cy + r * Math.sin(k * GOLDEN_ANGLE),
      });
    });
    return { name: t.name, value: [col + 0.5, row + 0.1] };
  });
  return { placed, labels, rows: Math.ceil(townships.length / columns), spacing };
}

/** Administrative villages of the county, coloured by station status (S2), on a schematic layout. */
export default function VillageMap({ data, townshipCode }: { data: VillageMapData; townshipCode?: string }) {
  const nt = useNetworkText();
  const element = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    if (!element.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(element.current);
    return () => observer.disconnect();
  }, []);

  const shown = useMemo<VillageMapData>(
    () =>
      townshipCode
        ? {
            ...data,
            townships: data.townships.filter((t) => t.code === townshipCode),
            villages: data.villages.filter((v) => v.townshipCode === townshipCode),
          }
        : data,
    [data, townshipCode],
  );
  const townshipCount = new Set(shown.villages.map((v) => v.townshipCode)).size;
  const columns = Math.max(1, Math.min(townshipCount, Math.floor(width / MIN_CELL_PX) || 1));
  const rows = Math.max(1, Math.ceil(townshipCount / columns));
  const legendPx = width < 700 ? LEGEND_PX.narrow : LEGEND_PX.wide;
  // Square cells keep each township's spiral round; one township alone is capped at MAX_CELL_PX.
  const unitPx = Math.min(width / columns, MAX_CELL_PX);
  const height = legendPx + Math.max(1, rows * unitPx);

  useEffect(() => {
    if (!element.current || width === 0) return;
    const chart = init(element.current);
    const { placed, labels, spacing } = schematicLayout(shown, columns);
    const symbolPx = Math.max(4, Math.min(12, spacing * unitPx * 0.9));
    // The x range spans the full width at the same scale as y, the cells centred within it.
    const xSpan = width / unitPx;
    const count = (s: VillageMapStatus) => placed.filter((p) => p.village.status === s).length;
    const seriesName = (s: VillageMapStatus) => `${nt(`map.${s}` as NetworkTextKey)}（${count(s)}）`;
    const townshipNames = new Map(shown.townships.map((t) => [t.code, t.name]));
    const tooltip = (v: VillageMapPoint) => {
      const station = v.station
        ? `${v.station.stationNo}${v.station.inService ? "" : `（${nt(`status.${v.station.status}` as NetworkTextKey)}）`}`
        : nt("none");
      return [
        `<b>${escapeHtml(v.name)}</b>`,
        `${nt("mapTownship")}：${escapeHtml(townshipNames.get(v.townshipCode) ?? "")}`,
        `${nt("population")}：${formatCount(v.population)}`,
        `${nt("poor")}：${v.isPoor ? nt("yes") : nt("no")}`,
        `${nt("mapStation")}：${escapeHtml(station)}`,
        `<span style="color:${COLORS[v.status]}">●</span> ${nt(`map.${v.status}` as NetworkTextKey)}`,
      ].join("<br/>");
    };
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "item",
        confine: true,
        formatter: (p: { data?: { village?: VillageMapPoint } }) =>
          p.data?.village ? tooltip(p.data.village) : "",
      },
      legend: { top: 0, left: 0, data: STATUSES.map(seriesName), itemGap: 12 },
      grid: { left: 0, right: 0, top: legendPx, bottom: 0 },
      xAxis: { type: "value", min: (columns - xSpan) / 2, max: (columns + xSpan) / 2, show: false },
      yAxis: { type: "value", min: 0, max: rows, inverse: true, show: false },
      series: [
        ...STATUSES.map((status) => ({
          name: seriesName(status),
          type: "scatter",
          symbolSize: symbolPx,
          itemStyle: { color: COLORS[status], borderColor: "#fff", borderWidth: symbolPx > 6 ? 0.5 : 0 },
          emphasis: { scale: 1.8 },
          data: placed
            .filter((p) => p.village.status === status)
            .map((p) => ({ name: p.village.name, value: [p.x, p.y], village: p.village })),
        })),
        {
          name: "township",
          type: "scatter",
          symbolSize: 0,
          silent: true,
          tooltip: { show: false },
          label: { show: true, formatter: "{b}", color: "#262626", fontWeight: "bold" },
          data: labels,
        },
      ],
    });
    return () => chart.dispose();
  }, [shown, columns, rows, unitPx, legendPx, width, nt]);

  return <div ref={element} data-testid="village-map-canvas" style={{ width: "100%", height }} />;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
