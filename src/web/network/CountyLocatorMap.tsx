import { Alert, Skeleton, Typography } from "antd";
import { MapChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, useState } from "react";
import { type CountyCollection, loadHebeiCounties, registerCountyMap } from "../maps/hebei-counties";
import { useMapText } from "../maps/maps.messages";

use([MapChart, TooltipComponent, CanvasRenderer]);

/**
 * The county among the other counties of its city, from the committed boundary extract. No open
 * township boundaries exist (reference/maps/README.md), so townships stay in the schematic view.
 */
export default function CountyLocatorMap({ countyCode, cityName }: { countyCode: string; cityName: string }) {
  const mt = useMapText();
  const element = useRef<HTMLDivElement>(null);
  const [geo, setGeo] = useState<{ map: string; all: CountyCollection }>();
  const [failed, setFailed] = useState(false);
  const city = countyCode.slice(0, 4);

  useEffect(() => {
    let live = true;
    Promise.all([registerCountyMap(city), loadHebeiCounties()])
      .then(([map, all]) => live && setGeo({ map, all }))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [city]);

  useEffect(() => {
    if (!element.current || !geo) return;
    const chart = init(element.current);
    const features = geo.all.features.filter((f) => f.properties.code.startsWith(city));
    chart.setOption({
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string }) =>
          features.find((f) => f.properties.code === p.name)?.properties.name ?? p.name,
      },
      series: [
        {
          type: "map",
          map: geo.map,
          nameProperty: "code",
          roam: false,
          selectedMode: false,
          layoutCenter: ["50%", "50%"],
          layoutSize: "95%",
          itemStyle: { areaColor: "#f0f0f0", borderColor: "#bfbfbf", borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#d6e4ff" } },
          data: features.map((f) =>
            f.properties.code === countyCode
              ? {
                  name: f.properties.code,
                  itemStyle: { areaColor: "#1677ff", borderColor: "#003eb3", borderWidth: 1 },
                  label: { show: true, formatter: f.properties.name, color: "#fff", fontWeight: "bold" },
                  emphasis: { itemStyle: { areaColor: "#1677ff" }, label: { show: true } },
                }
              : { name: f.properties.code },
          ),
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [geo, city, countyCode]);

  if (failed) return <Alert type="warning" showIcon title={mt("loadFailed")} />;
  const county = geo?.all.features.find((f) => f.properties.code === countyCode)?.properties.name ?? "";
  return (
    <div>
      {!geo && <Skeleton active paragraph={{ rows: 5 }} />}
      <div
        ref={element}
        data-testid="county-locator-map"
        data-ready={geo ? "true" : "false"}
        style={{ width: "100%", height: 320, display: geo ? "block" : "none" }}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
        {mt("countyCaption", { county, city: cityName })} {mt("caption")}
      </Typography.Paragraph>
    </div>
  );
}
