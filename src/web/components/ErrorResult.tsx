import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { useI18n } from "../app/i18n";

/** A whole-page error: 403 and 404 get their own pictures, the rest a retry button. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : 0;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 403) {
    return <Result status="403" title={t("error.forbidden")} subTitle={message} extra={<BackHome />} />;
  }
  if (status === 404) {
    return <Result status="404" title={t("error.notFound")} subTitle={message} extra={<BackHome />} />;
  }
  return (
    <Result
      status="error"
      title={t("error.title")}
      subTitle={message}
      extra={onRetry && <Button onClick={onRetry}>{t("common.retry")}</Button>}
    />
  );
}

function BackHome() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate("/")}>
      {t("common.backHome")}
    </Button>
  );
}
