import { Button, Card, Descriptions, Space, Typography } from "antd";
import { Navigate, useNavigate } from "react-router";
import { useUser } from "./auth";
import { useI18n } from "./i18n";
import { countyOf, countyPath, landingPath, roleLabelKey } from "./roles";

/** `/`: province and county roles go straight to their page; other roles get this welcome card. */
export function HomePage() {
  const user = useUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const landing = landingPath(user);
  if (landing !== "/") return <Navigate to={landing} replace />;

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
