import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { StationApp } from "./StationApp";
import "./station.css";

const root = document.getElementById("root");
if (!root) throw new Error("station/index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <StationApp />
  </StrictMode>,
);

// The service worker keeps the app and the station's data on the phone for days without network.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    void navigator.serviceWorker.register("/station/sw.js", { scope: "/station/" });
  });
}
