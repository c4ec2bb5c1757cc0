import { TranslationOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useI18n } from "./i18n";

/** One button that flips between 中文 and English. */
export function LanguageSwitch({ isCompact = false }: { isCompact?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <Button
      data-testid="language-switch"
      type="text"
      icon={<TranslationOutlined />}
      onClick={() => setLanguage(language === "zh" ? "en" : "zh")}
    >
      {isCompact ? t("lang.switchShort") : t("lang.switch")}
    </Button>
  );
}
