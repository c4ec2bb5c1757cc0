/**
 * Scans a waybill's barcode with the camera where the browser has BarcodeDetector (Chrome on
 * Android); elsewhere the button is not shown and the number is typed.
 */
import { useEffect, useRef, useState } from "react";

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

export const canScan = () =>
  typeof window !== "undefined" && "BarcodeDetector" in window && !!navigator.mediaDevices?.getUserMedia;

export function Scanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    (async () => {
      try {
        const Barcode = (window as unknown as { BarcodeDetector: DetectorClass }).BarcodeDetector;
        const detector = new Barcode({ formats: ["code_128", "code_39", "qr_code", "ean_13", "itf"] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        const el = video.current;
        if (!el || stopped) return;
        el.srcObject = stream;
        await el.play();
        while (!stopped) {
          const [found] = await detector.detect(el);
          if (found?.rawValue) {
            onCode(found.rawValue.trim());
            return;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch {
        setError("无法打开相机，请直接输入运单号");
      }
    })();
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode]);

  return (
    <div className="st-scanner">
      {error ? (
        <p className="st-error">{error}</p>
      ) : (
        <video ref={video} muted playsInline className="st-video" />
      )}
      <button type="button" className="st-button st-secondary" onClick={onClose}>
        关闭相机
      </button>
    </div>
  );
}
