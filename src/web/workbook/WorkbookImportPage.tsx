/**
 * A county officer uploads the county workbook: download the template, pick an .xlsx or .csv
 * (a .csv is one sheet, named by its file name), see the dry run name every bad row with nothing
 * written, then write all or nothing — or keep the good rows and download the rejects as CSV.
 */
import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Popconfirm, Progress, Result, Space, Typography, Upload } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../api/client";
import { useI18n } from "../app/i18n";
import { useRequest } from "../components/use-request";
import { RejectedTable, SheetCountsTable } from "./ImportTables";
import { downloadRejects } from "./rejects-csv";
import {
  type ImportMode,
  type ImportProgress,
  type ImportResult,
  importProgress,
  importSheets,
  newProgressId,
  type RejectedRow,
  TEMPLATE_URL,
  uploadWorkbook,
} from "./workbook.api";

/** How often the page asks how far the server has got while an upload's answer is pending. */
const PROGRESS_POLL_MS = 500;

type Phase = "idle" | "checking" | "checked" | "writing" | "done";

export default function WorkbookImportPage() {
  const { code = "" } = useParams();
  const { language } = useI18n();
  const L = useCallback((zh: string, en: string) => (language === "zh" ? zh : en), [language]);
  const [file, setFile] = useState<File>();
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState(0);
  const [check, setCheck] = useState<ImportResult>();
  const [done, setDone] = useState<ImportResult>();
  const [error, setError] = useState<ApiError | Error>();
  // While the server reads, checks and writes a large file: its rows so far (polled by id).
  const [progressId, setProgressId] = useState<string>();
  const [rows, setRows] = useState<ImportProgress>();
  // A contractor imports only the sheets of its contracts in the county; the page names them.
  const allowed = useRequest((signal) => importSheets(code, signal), [code]);

  useEffect(() => {
    if (!progressId) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      importProgress(code, progressId, controller.signal).then(
        (p) => setRows(p),
        () => undefined, // not there yet (the upload is still arriving) or gone: keep the last figures
      );
    }, PROGRESS_POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [code, progressId]);

  const send = async (chosen: File, mode: ImportMode) => {
    setProgress(0);
    setRows(undefined);
    setError(undefined);
    const id = newProgressId();
    setProgressId(id);
    try {
      return await uploadWorkbook(code, chosen, mode, setProgress, id);
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
      return undefined;
    } finally {
      setProgressId(undefined);
    }
  };

  // The dry run keeps the good rows in its count (partial) so the officer sees both sides at once.
  const runCheck = async (chosen: File) => {
    setFile(chosen);
    setCheck(undefined);
    setDone(undefined);
    setPhase("checking");
    const result = await send(chosen, { dryRun: true, partial: true });
    setCheck(result);
    setPhase(result ? "checked" : "idle");
  };

  const write = async (partial: boolean) => {
    if (!file) return;
    setPhase("writing");
    const result = await send(file, { dryRun: false, partial });
    setDone(result);
    setPhase(result ? "done" : "checked");
  };

  const rejected = check?.rejected ?? [];
  const accepted = check?.sheets.reduce((sum, s) => sum + s.accepted, 0) ?? 0;
  const busy = phase === "checking" || phase === "writing";
  const refusedRows: RejectedRow[] =
    error instanceof ApiError
      ? error.details.map((d) => ({
          sheet: d.sheet ?? "",
          row: d.row ?? 0,
          column: d.column,
          reason: d.message,
        }))
      : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="workbook-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {L("县级数据工作簿导入", "County workbook import")}
      </Typography.Title>

      <Card size="small" title={L("第一步：下载模板并填写", "1. Download the template and fill it in")}>
        <Space orientation="vertical">
          <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} data-testid="workbook-template">
            {L("下载工作簿模板（.xlsx）", "Download the template (.xlsx)")}
          </Button>
          {allowed.data && !allowed.data.isAll && (
            <Alert
              type="info"
              showIcon
              data-testid="workbook-allowed-sheets"
              title={L(
                `本企业可导入的工作表：${allowed.data.sheets.join("、")}（按本县承办合同的建设内容）；其他工作表由县级管理员导入。`,
                `You may import: ${allowed.data.sheets.join(", ")} (your contracts in this county); the county imports the others.`,
              )}
            />
          )}
          {!!allowed.error && (
            <Alert
              type="warning"
              showIcon
              data-testid="workbook-no-sheets"
              title={L(
                "本账户在本县没有可导入的工作表：承办企业须有本县的承办合同，由县级管理员在合同中登记本企业。",
                "This account has no sheet to import here: a contractor needs a contract in this county naming its organization.",
              )}
            />
          )}
          <Typography.Text type="secondary">
            {L(
              "可上传整个工作簿（.xlsx），也可只上传一张表的 .csv 文件，文件名须为工作表名（如“村庄.csv”）。",
              "Upload the whole workbook (.xlsx) or one sheet as .csv named after the sheet (e.g. 村庄.csv).",
            )}
          </Typography.Text>
        </Space>
      </Card>

      <Card
        size="small"
        title={L(
          "第二步：选择文件，系统先检查（不写入）",
          "2. Choose the file: it is checked first, nothing written",
        )}
      >
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(chosen) => {
            void runCheck(chosen);
            return false; // sent by this page (dry run first), never by the Upload component
          }}
          data-testid="workbook-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {L("点击或拖入 .xlsx / .csv 文件", "Click or drop an .xlsx / .csv file")}
          </p>
          {file && (
            <p className="ant-upload-hint" data-testid="workbook-file-name">
              {L("当前文件：", "File: ")}
              {file.name}
            </p>
          )}
        </Upload.Dragger>
        {busy && (
          <div data-testid="workbook-progress" style={{ marginTop: 12 }}>
            <Typography.Text>
              {phase === "checking"
                ? L("正在上传并检查…", "Uploading and checking…")
                : L("正在写入…", "Writing…")}
            </Typography.Text>
            <Progress percent={progress} status="active" />
            {rows && rows.phase !== "receiving" && (
              <Typography.Text type="secondary" data-testid="workbook-rows">
                {L(
                  `已读取 ${rows.rowsRead} 行，已校验 ${rows.rowsValidated} 行（其中 ${rows.rowsRejected} 行有误），已写入 ${rows.rowsWritten} 行`,
                  `Read ${rows.rowsRead} rows, checked ${rows.rowsValidated} (${rows.rowsRejected} with problems), written ${rows.rowsWritten}`,
                )}
              </Typography.Text>
            )}
          </div>
        )}
        {error && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            data-testid="workbook-error"
            title={error.message}
            description={refusedRows.length > 0 && <RejectedTable rows={refusedRows} L={L} />}
          />
        )}
      </Card>

      {check && phase !== "done" && (
        <Card
          size="small"
          title={L("检查结果（未写入任何数据）", "Check result (nothing written)")}
          data-testid="workbook-check"
        >
          <Space orientation="vertical" style={{ width: "100%" }}>
            {rejected.length === 0 ? (
              <Alert
                type="success"
                showIcon
                data-testid="workbook-check-ok"
                title={L(`检查通过：${accepted} 行均有效，可以写入`, `All ${accepted} rows are valid`)}
              />
            ) : (
              <Alert
                type="warning"
                showIcon
                data-testid="workbook-check-bad"
                title={L(
                  `发现 ${rejected.length} 处错误，未写入任何数据；有效行 ${accepted} 行`,
                  `${rejected.length} problems found, nothing written; ${accepted} valid rows`,
                )}
                description={L(
                  "请按下表修改后重新选择文件；或仅写入有效行，并下载错误行清单另行处理。",
                  "Fix the rows below and choose the file again, or write the valid rows and download the rejects.",
                )}
              />
            )}
            {check.ignoredSheets.length > 0 && (
              <Typography.Text type="secondary">
                {L("未识别、已忽略的工作表：", "Sheets ignored: ")}
                {check.ignoredSheets.join("、")}
              </Typography.Text>
            )}
            <SheetCountsTable sheets={check.sheets} countyCode={code} written={false} L={L} />
            {rejected.length > 0 && <RejectedTable rows={rejected} L={L} />}
            <Space wrap>
              <Popconfirm
                title={L("确认写入全部数据？", "Write all rows?")}
                onConfirm={() => write(false)}
                okText={L("写入", "Write")}
                cancelText={L("取消", "Cancel")}
                disabled={rejected.length > 0 || busy}
              >
                <Button type="primary" disabled={rejected.length > 0 || busy} data-testid="workbook-write">
                  {L("写入", "Write")}
                </Button>
              </Popconfirm>
              {rejected.length > 0 && (
                <>
                  <Popconfirm
                    title={L(
                      `只写入 ${accepted} 行有效数据，${rejected.length} 处错误的行不写入？`,
                      `Write the ${accepted} valid rows and leave out the refused ones?`,
                    )}
                    onConfirm={() => write(true)}
                    okText={L("仅写入有效行", "Write valid rows")}
                    cancelText={L("取消", "Cancel")}
                    disabled={accepted === 0 || busy}
                  >
                    <Button disabled={accepted === 0 || busy} data-testid="workbook-write-partial">
                      {L("仅写入有效行", "Write the valid rows only")}
                    </Button>
                  </Popconfirm>
                  <Button
                    icon={<DownloadOutlined />}
                    data-testid="workbook-rejects"
                    onClick={() =>
                      downloadRejects(rejected, `${file?.name.replace(/\.\w+$/, "") ?? "工作簿"}-错误行.csv`)
                    }
                  >
                    {L("下载错误行（CSV）", "Download the rejects (CSV)")}
                  </Button>
                </>
              )}
            </Space>
          </Space>
        </Card>
      )}

      {done && (
        <Card size="small" data-testid="workbook-done">
          <Result
            status={done.rejected.length ? "warning" : "success"}
            title={L(
              `已写入 ${done.sheets.reduce((s, x) => s + x.written, 0)} 行`,
              `${done.sheets.reduce((s, x) => s + x.written, 0)} rows written`,
            )}
            subTitle={
              done.rejected.length
                ? L(
                    `${done.rejected.length} 处错误的行未写入`,
                    `${done.rejected.length} refused rows left out`,
                  )
                : L("全部数据已写入，并记入审计日志", "Every row written and audited")
            }
            extra={
              done.rejected.length > 0 && (
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => downloadRejects(done.rejected, "未写入的错误行.csv")}
                >
                  {L("下载未写入的错误行（CSV）", "Download the refused rows (CSV)")}
                </Button>
              )
            }
          />
          <SheetCountsTable sheets={done.sheets} countyCode={code} written L={L} />
        </Card>
      )}
    </Space>
  );
}
