import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { AppLayout } from "./AppLayout";
import { AuthProvider, useAuth } from "./auth";
import { HomePage } from "./HomePage";
import { I18nProvider, useI18n } from "./i18n";
import { NotFoundPage } from "./NotFoundPage";
import { WEB_MODULES } from "./web-modules";

// Each area is its own chunk: the login page does not download the tables.
const LoginPage = lazy(() => import("../login/LoginPage"));
const ProvinceOverviewPage = lazy(() => import("../province/ProvinceOverviewPage"));
const CountyPage = lazy(() => import("../counties/CountyPage"));
const CountyFrame = lazy(() => import("../counties/CountyFrame"));
const PasswordChangeScreen = lazy(() => import("../account/PasswordChangeScreen"));

/** Routes:  /login · / (home, or the role's landing page) · /province · /counties/:code[/section] */
export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}

function LocalizedApp() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === "zh" ? zhCN : enUS}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="province" element={<ProvinceOverviewPage />} />
                  {WEB_MODULES.flatMap((m) => m.pages ?? []).map((page) => (
                    <Route key={page.key} path={page.path} element={<page.page />} />
                  ))}
                  <Route path="counties/:code" element={<CountyFrame />}>
                    <Route index element={<CountyPage />} />
                    {WEB_MODULES.flatMap((m) => m.countySections ?? []).map((section) => (
                      <Route key={section.key} path={section.path} element={<section.page />} />
                    ))}
                  </Route>
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * Shows its children to a signed-in user; sends anyone else to /login, remembering where they were.
 * A session that must change its password first gets only the change form, at whatever address.
 */
function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user, hasSignedOut, error, retry } = useAuth();
  const location = useLocation();
  if (status === "loading") return <PageLoading />;
  if (error && !user) return <ErrorResult error={error} onRetry={retry} />;
  if (!user) {
    const from = hasSignedOut ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={from} />;
  }
  if (user.passwordChangeRequired) return <PasswordChangeScreen />;
  return <>{children}</>;
}
