/**
 * The record rosters of the outcomes page (rules K3–K6): pick a roster, read it (the assessor
 * reads them next to the pending items), and — for the county's administrators — add, change and
 * delete records; inspections carry their photos.
 */
import { App, Button, Popconfirm, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { ApiError } from "../api/client";
import { useI18n } from "../app/i18n";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { useRequest } from "../components/use-request";
import { InspectionPhotos } from "./InspectionPhotos";
import { outcomesApi, outcomesExportUrl, type RecordRow } from "./outcomes.api";
import { useOutcomesText } from "./outcomes.messages";
import { RecordForm } from "./RecordForm";
import { RECORD_ROSTERS } from "./records";

type Bilingual = { zh: string; en: string };

export function RecordsTab({
  countyCode,
  canWrite,
  onChange,
}: {
  countyCode: string;
  canWrite: boolean;
  /** Called after a write: the judgements above count the records. */
  onChange: () => void;
}) {
  const text = useOutcomesText();
  const { language } = useI18n();
  const { message } = App.useApp();
  const [path, setPath] = useState(RECORD_ROSTERS[0]!.path);
  // undefined: closed; null: a new record; a row: that record.
  const [editing, setEditing] = useState<RecordRow | null>();
  const roster = RECORD_ROSTERS.find((r) => r.path === path)!;
  const rows = useRequest((signal) => outcomesApi.records(countyCode, path, signal), [countyCode, path]);
  const changed = () => {
    rows.reload();
    onChange();
  };
  const cell = (value: unknown, vocabulary?: Record<string, Bilingual>) => {
    if (typeof value === "boolean") return value ? text("yes") : text("no");
    if (vocabulary && typeof value === "string" && vocabulary[value]) return vocabulary[value][language];
    return value === null || value === undefined ? "" : String(value);
  };
  const remove = async (row: RecordRow) => {
    try {
      await outcomesApi.deleteRecord(countyCode, path, row.id);
      message.success(text("deleted"));
      changed();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          data-testid="record-roster"
          style={{ minWidth: 220 }}
          value={path}
          onChange={setPath}
          // The rule (C1 · K3) is the option's hover title, not part of the words.
          options={RECORD_ROSTERS.map((r) => ({ value: r.path, label: r.label[language], title: r.rule }))}
        />
        {canWrite && (
          <Button type="primary" onClick={() => setEditing(null)} data-testid="record-add">
            {text("recordAdd")}
          </Button>
        )}
        <Button href={outcomesExportUrl(countyCode, path)}>{text("exportXlsx")}</Button>
      </Space>
      {rows.error ? (
        <ErrorResult error={rows.error} onRetry={rows.reload} />
      ) : (
        <Table<RecordRow>
          data-testid="record-table"
          size="small"
          rowKey="id"
          loading={!rows.data}
          dataSource={rows.data?.items ?? []}
          scroll={{ x: "max-content" }}
          columns={[
            ...roster.columns.map((col, i) => ({
              key: col.key,
              title: col.label[language],
              dataIndex: col.key,
              render: (v: unknown, r: RecordRow) =>
                i === 0 ? (
                  <DemoValue isDemo={r.isDemo}>{cell(v, col.vocabulary)}</DemoValue>
                ) : (
                  <Typography.Text style={{ maxWidth: 320 }} ellipsis={{ tooltip: cell(v, col.vocabulary) }}>
                    {cell(v, col.vocabulary)}
                  </Typography.Text>
                ),
            })),
            ...(roster.hasPhotos
              ? [
                  {
                    key: "photos",
                    title: text("photos"),
                    render: (_: unknown, r: RecordRow) => (
                      <InspectionPhotos
                        countyCode={countyCode}
                        inspectionId={r.id}
                        photos={r.photos ?? []}
                        legacyRefs={String(r.photoRefs ?? "")}
                        canWrite={canWrite}
                        onChange={changed}
                      />
                    ),
                  },
                ]
              : []),
            ...(canWrite
              ? [
                  {
                    key: "actions",
                    title: text("actions"),
                    render: (_: unknown, r: RecordRow) => (
                      <Space size={0}>
                        <Button
                          type="link"
                          size="small"
                          onClick={() => setEditing(r)}
                          data-testid="record-edit"
                        >
                          {text("edit")}
                        </Button>
                        <Popconfirm
                          title={text("confirmDelete")}
                          onConfirm={() => remove(r)}
                          okText={text("delete")}
                          cancelText={text("cancel")}
                        >
                          <Button type="link" size="small" danger data-testid="record-delete">
                            {text("delete")}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing !== undefined && (
        <RecordForm
          countyCode={countyCode}
          roster={roster}
          record={editing ?? undefined}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            changed();
          }}
        />
      )}
    </Space>
  );
}
