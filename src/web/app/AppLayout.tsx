import {
  ApartmentOutlined,
  AppstoreOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  UserOutlined,
} from "@ant-design/icons";
import {
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Space,
  Tag,
  Typography,
  theme,
} from "antd";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useAccountText } from "../account/account.messages";
import { PageLoading } from "../components/PageLoading";
import { useAuth, useUser } from "./auth";
import { useI18n } from "./i18n";
import { LanguageSwitch } from "./LanguageSwitch";
import { type MenuEntry, menuEntries, roleLabelKey, selectedMenuKey } from "./roles";

// The dialog's form loads only when opened.
const PasswordChangeModal = lazy(() => import("../account/PasswordChangeModal"));

const ICONS: Record<MenuEntry["icon"], ReactNode> = {
  home: <HomeOutlined />,
  province: <ApartmentOutlined />,
  county: <ApartmentOutlined />,
  section: <AppstoreOutlined />,
};

/**
 * The signed-in frame: side menu by role (a drawer on phones), header with the user menu
 * (修改密码), language, sign-out.
 */
export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const { t, language } = useI18n();
  const at = useAccountText();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const isPhone = !screens.md;
  const [isCollapsed, setCollapsed] = useState(false);
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const [isPasswordOpen, setPasswordOpen] = useState(false);

  const entries = menuEntries(user);
  const items: MenuProps["items"] = entries.map((entry) => ({
    key: entry.key,
    icon: ICONS[entry.icon],
    label: typeof entry.label === "string" ? t(entry.label) : entry.label[language],
    onClick: () => {
      setDrawerOpen(false);
      navigate(entry.path);
    },
  }));
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedMenuKey(location.pathname, entries)]}
      items={items}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const brand = (
    <div
      style={{
        padding: "16px 20px",
        fontWeight: 600,
        fontSize: 16,
        whiteSpace: "nowrap",
        overflow: "hidden",
      }}
    >
      {isCollapsed && !isPhone ? t("app.shortTitle") : t("app.title")}
    </div>
  );

  // Signing out clears the user; RequireAuth then shows the login page.
  const onLogout = () => void logout();

  const userMenu: MenuProps["items"] = [
    {
      key: "who",
      disabled: true,
      label: `${t(roleLabelKey(user.role))} · ${user.regionName}`,
    },
    { type: "divider" },
    {
      key: "password",
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">{at("title")}</span>,
      onClick: () => setPasswordOpen(true),
    },
  ];

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {isPhone ? (
        <Drawer
          placement="left"
          open={isDrawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={t("app.title")}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          theme="light"
          width={220}
          collapsible
          collapsed={isCollapsed}
          onCollapse={setCollapsed}
          style={{
            borderInlineEnd: `1px solid ${token.colorSplit}`,
            position: "sticky",
            top: 0,
            height: "100vh",
            overflow: "auto",
          }}
        >
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorSplit}`,
            padding: isPhone ? "0 8px" : "0 24px",
            display: "flex",
            alignItems: "center",
            gap: 8,
          }}
        >
          {isPhone && (
            <Button
              data-testid="menu-toggle"
              type="text"
              icon={<MenuOutlined />}
              aria-label={t("nav.menu")}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          {isPhone && (
            <Typography.Text strong ellipsis style={{ flex: "0 1 auto" }}>
              {t("app.shortTitle")}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          <Space size={isPhone ? 2 : 8} align="center">
            <Dropdown menu={{ items: userMenu }} trigger={["click"]} placement="bottomRight">
              <Button
                data-testid="current-user"
                type="text"
                icon={<UserOutlined />}
                style={{ paddingInline: isPhone ? 4 : undefined }}
              >
                <span
                  style={{
                    maxWidth: isPhone ? 96 : 200,
                    overflow: "hidden",
                    textOverflow: "ellipsis",
                    whiteSpace: "nowrap",
                  }}
                >
                  {user.displayName || user.username}
                </span>
              </Button>
            </Dropdown>
            {!isPhone && (
              <Tag color="blue" data-testid="current-role">
                {t(roleLabelKey(user.role))}
              </Tag>
            )}
            <LanguageSwitch isCompact={isPhone} />
            <Button
              data-testid="logout"
              type="text"
              icon={<LogoutOutlined />}
              aria-label={t("nav.logout")}
              onClick={onLogout}
            >
              {isPhone ? null : t("nav.logout")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        {isPasswordOpen && (
          <Suspense fallback={null}>
            <PasswordChangeModal open onClose={() => setPasswordOpen(false)} />
          </Suspense>
        )}
      </Layout>
    </Layout>
  );
}
