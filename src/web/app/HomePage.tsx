import { Button, Card, Descriptions, Space, Typography } from "antd";
import { lazy, Suspense } from "react";
import { Navigate, useNavigate } from "react-router";
import { PageLoading } from "../components/PageLoading";
import { useUser } from "./auth";
import { useI18n } from "./i18n";
import { countyOf, countyPath, landingPath, roleLabelKey } from "./roles";

// The assessor's and the contractor's landings (issue 18.3), each its own chunk.
const AssessorHome = lazy(() => import("../home/AssessorHome"));
const ContractorHome = lazy(() => import("../home/ContractorHome"));

/**
 * `/`: province and county roles go straight to their page; an assessor and a contractor get their
 * landing; other roles get this welcome card.
 */
export function HomePage() {
  const user = useUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const landing = landingPath(user);
  if (landing !== "/") return <Navigate to={landing} replace />;
  if (user.role === "assessor" || user.role === "contractor") {
    return (
      <Suspense fallback={<PageLoading />}>
        {user.role === "assessor" ? <AssessorHome /> : <ContractorHome />}
      </Suspense>
    );
  }

  const county = countyOf(user);
  return (
    <Card>
      <Typography.Title level={3}>
        {t("home.welcome", { name: user.displayName || user.username })}
      </Typography.Title>
      <Descriptions column={1} style={{ maxWidth: 560 }}>
        <Descriptions.Item label={t("home.role")}>{t(roleLabelKey(user.role))}</Descriptions.Item>
        <Descriptions.Item label={t("home.region")}>
          {user.regionName} ({user.regionCode})
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginTop: 16 }}>
        {county ? (
          <Button type="primary" onClick={() => navigate(countyPath(county))}>
            {t("home.openCounty")}
          </Button>
        ) : (
          <Button type="primary" onClick={() => navigate("/province")}>
            {t("home.openProvince")}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t("home.more")}
      </Typography.Paragraph>
    </Card>
  );
}
