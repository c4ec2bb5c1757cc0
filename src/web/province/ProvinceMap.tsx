import { Alert, Segmented, Skeleton, Space, Typography } from "antd";
import { MapChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { countyPath } from "../app/roles";
import { type CountyCollection, loadHebeiCounties, registerCountyMap } from "../maps/hebei-counties";
import { type MapTextKey, useMapText } from "../maps/maps.messages";

use([MapChart, TooltipComponent, CanvasRenderer]);

/** What the map shows of one demonstration county. */
export type ProvinceMapCounty = {
  code: string;
  name: string;
  /** The programme status (已入选/实施中/已验收/未通过). */
  status: string;
  /** The scorecard's verdict as of the page's date; null where the reader may not see it. */
  verdict: "passed" | "failed" | "vetoed" | "incomplete" | null;
  signedOn: string | null;
  /** A3: administrative villages with a station (rule G1). */
  coverage: { bp: number; withStation: number; villages: number; thresholdBp: number } | null;
};

type Mode = "acceptance" | "coverage";

const VERDICT_COLORS = { passed: "#52c41a", failed: "#f5222d", vetoed: "#9e1068", incomplete: "#faad14" };
const STATUS_COLORS: Record<string, string> = {
  selected: "#1677ff",
  implementing: "#faad14",
  accepted: "#52c41a",
  failed: "#f5222d",
};
const COVERAGE_COLORS = ["#ff7875", "#95de64", "#237804"];
const OTHER = "#f0f0f0";

/** A share in basis points as a percentage with one decimal (the stored figure keeps its floor). */
const formatPercentBp = (bp: number) => `${(bp / 100).toFixed(1)}%`;

type Band = { color: string; label: string; test: (c: ProvinceMapCounty) => boolean };

/** The colour bands of a mode, each with its legend label and the counties it takes. */
function bands(mode: Mode, counties: ProvinceMapCounty[], mt: ReturnType<typeof useMapText>): Band[] {
  if (mode === "coverage") {
    const threshold = counties.find((c) => c.coverage)?.coverage?.thresholdBp ?? 5000;
    const mid = Math.round((threshold + 10000) / 2);
    const bp = (c: ProvinceMapCounty) => c.coverage?.bp ?? -1;
    return [
      {
        color: COVERAGE_COLORS[0]!,
        label: mt("coverageBelow", { pct: formatPercentBp(threshold) }),
        test: (c) => bp(c) >= 0 && bp(c) < threshold,
      },
      {
        color: COVERAGE_COLORS[1]!,
        label: mt("coverageAt", { from: formatPercentBp(threshold), to: formatPercentBp(mid) }),
        test: (c) => bp(c) >= threshold && bp(c) < mid,
      },
      {
        color: COVERAGE_COLORS[2]!,
        label: mt("coverageAbove", { pct: formatPercentBp(mid) }),
        test: (c) => bp(c) >= mid,
      },
    ];
  }
  if (counties.some((c) => c.verdict)) {
    return (Object.keys(VERDICT_COLORS) as (keyof typeof VERDICT_COLORS)[]).map((v) => ({
      color: VERDICT_COLORS[v],
      label: mt(`verdict.${v}` as MapTextKey),
      test: (c) => c.verdict === v,
    }));
  }
  return Object.keys(STATUS_COLORS).map((s) => ({
    color: STATUS_COLORS[s]!,
    label: mt(`status.${s}` as MapTextKey),
    test: (c) => c.status === s,
  }));
}

/**
 * Hebei with its counties; the demonstration counties coloured by their acceptance verdict (or,
 * for a reader who may not see verdicts, their programme status) or by A3 village coverage.
 */
export default function ProvinceMap({ counties, asOf }: { counties: ProvinceMapCounty[]; asOf: string }) {
  const mt = useMapText();
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);
  const [geo, setGeo] = useState<{ map: string; all: CountyCollection }>();
  const [failed, setFailed] = useState(false);
  const [width, setWidth] = useState(0);
  const hasCoverage = counties.some((c) => c.coverage);
  const [mode, setMode] = useState<Mode>("acceptance");
  const shownBands = useMemo(() => bands(mode, counties, mt), [mode, counties, mt]);
  const hasVerdicts = counties.some((c) => c.verdict);

  useEffect(() => {
    let live = true;
    Promise.all([registerCountyMap("13"), loadHebeiCounties()])
      .then(([map, all]) => live && setGeo({ map, all }))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!element.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(element.current);
    return () => observer.disconnect();
  }, []);

  const height = width > 0 && width < 560 ? Math.round(width * 1.1) : 620;

  useEffect(() => {
    if (!element.current || !geo || width === 0) return;
    const chart = init(element.current);
    const byCode = new Map(counties.map((c) => [c.code, c]));
    const colorOf = (c: ProvinceMapCounty) => shownBands.find((b) => b.test(c))?.color ?? OTHER;
    chart.setOption({
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string }) => {
          const name = geo.all.features.find((f) => f.properties.code === p.name)?.properties.name ?? p.name;
          const county = byCode.get(p.name);
          if (!county) return `${name}<br/>${mt("notDemo")}`;
          const lines = [`<b>${county.name}</b>`];
          const band = shownBands.find((b) => b.test(county));
          lines.push(mode === "acceptance" ? (band?.label ?? mt("noData")) : "");
          if (county.signedOn) lines.push(mt("signedOn", { date: county.signedOn }));
          if (county.coverage)
            lines.push(
              `${mt("coverage")} ${formatPercentBp(county.coverage.bp)}（${mt("coverageDetail", {
                with: county.coverage.withStation,
                all: county.coverage.villages,
              })}）`,
            );
          return lines.filter(Boolean).join("<br/>");
        },
      },
      series: [
        {
          type: "map",
          map: geo.map,
          nameProperty: "code",
          roam: false,
          layoutCenter: ["50%", "50%"],
          layoutSize: "98%",
          selectedMode: false,
          itemStyle: { areaColor: OTHER, borderColor: "#bfbfbf", borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#d6e4ff" } },
          label: { show: false },
          data: geo.all.features.map((f) => {
            const county = byCode.get(f.properties.code);
            return county
              ? {
                  name: f.properties.code,
                  itemStyle: { areaColor: colorOf(county), borderColor: "#434343", borderWidth: 1 },
                  label: {
                    // On a phone the names would cover the counties: the tooltip names them.
                    show: width >= 420,
                    formatter: county.name,
                    fontSize: width < 560 ? 9 : 11,
                    color: "#141414",
                  },
                  emphasis: {
                    label: { show: true },
                    itemStyle: { areaColor: colorOf(county), opacity: 0.8 },
                  },
                }
              : { name: f.properties.code };
          }),
        },
      ],
    });
    chart.on("click", (p) => {
      if (byCode.has(p.name)) navigate(countyPath(p.name));
    });
    return () => chart.dispose();
  }, [geo, width, counties, shownBands, mode, mt, navigate]);

  if (failed) return <Alert type="warning" showIcon title={mt("loadFailed")} />;
  return (
    <div>
      <Space wrap style={{ marginBottom: 8, justifyContent: "space-between", width: "100%" }}>
        {hasCoverage && (
          <Segmented<Mode>
            data-testid="province-map-mode"
            value={mode}
            onChange={setMode}
            options={[
              { value: "acceptance", label: mt("byAcceptance") },
              { value: "coverage", label: mt("byCoverage") },
            ]}
          />
        )}
        <Space wrap size={[12, 4]} data-testid="province-map-legend">
          {shownBands.map((b) => (
            <span key={b.label} style={{ whiteSpace: "nowrap" }}>
              <span
                style={{
                  display: "inline-block",
                  width: 12,
                  height: 12,
                  background: b.color,
                  marginRight: 4,
                  verticalAlign: -1,
                }}
              />
              {b.label}（{counties.filter(b.test).length}）
            </span>
          ))}
          <span style={{ whiteSpace: "nowrap" }}>
            <span
              style={{
                display: "inline-block",
                width: 12,
                height: 12,
                background: OTHER,
                border: "1px solid #bfbfbf",
                marginRight: 4,
                verticalAlign: -1,
              }}
            />
            {mt("notDemo")}
          </span>
        </Space>
      </Space>
      {!geo && <Skeleton active paragraph={{ rows: 8 }} />}
      <div
        ref={element}
        data-testid="province-map"
        data-ready={geo ? "true" : "false"}
        style={{ width: "100%", height, display: geo ? "block" : "none" }}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8, fontSize: 12 }}>
        {hasVerdicts ? mt("statusSource", { date: asOf }) : mt("programStatus")} {mt("caption")}
      </Typography.Paragraph>
    </div>
  );
}
