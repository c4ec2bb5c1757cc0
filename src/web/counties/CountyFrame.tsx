/** The frame of every county page: the county's sections as tabs above the page. */
import { Tabs } from "antd";
import { Outlet, useLocation, useNavigate, useParams } from "react-router";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { countySectionPath, sectionsFor } from "../app/modules";
import { WEB_MODULES } from "../app/web-modules";

export default function CountyFrame() {
  const { code = "" } = useParams();
  const user = useUser();
  const { language, t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const all = sectionsFor(WEB_MODULES, user.role);
  const sections = all.filter((s) => !s.menuOnly);
  // On a menu-only page no tab is lit (its key matches none), rather than the overview's.
  const active = all.find((s) => location.pathname.startsWith(countySectionPath(code, s)))?.key ?? "overview";
  return (
    <>
      {sections.length > 0 && (
        <Tabs
          data-testid="county-sections"
          activeKey={active}
          onChange={(key) => {
            const section = sections.find((s) => s.key === key);
            navigate(section ? countySectionPath(code, section) : `/counties/${code}`);
          }}
          items={[
            { key: "overview", label: t("nav.county") },
            ...sections.map((s) => ({ key: s.key, label: s.label[language] })),
          ]}
          style={{ marginBottom: 8 }}
        />
      )}
      <Outlet />
    </>
  );
}
