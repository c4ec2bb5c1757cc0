// First: dayjs's default zone (China) for the date pickers' "today".
import "./components/china-date";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { getLanguage, htmlLang } from "./app/language";

document.documentElement.lang = htmlLang(getLanguage());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
