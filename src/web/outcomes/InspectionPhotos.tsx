/**
 * The photos of one inspection (C2): thumbnails that open full size (the files come from the API,
 * which serves them to the county's readers only), an upload button and removal for those who keep
 * the county's records.
 */
import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Image, Popconfirm, Space, Tooltip, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError } from "../api/client";
import { DemoValue } from "../components/DemoValue";
import { type InspectionPhoto, outcomesApi, uploadInspectionPhoto } from "./outcomes.api";
import { useOutcomesText } from "./outcomes.messages";

export function InspectionPhotos({
  countyCode,
  inspectionId,
  photos,
  legacyRefs,
  canWrite,
  onChange,
}: {
  countyCode: string;
  inspectionId: string;
  photos: InspectionPhoto[];
  /** Photo notes typed before photos were uploads. */
  legacyRefs: string;
  canWrite: boolean;
  onChange: () => void;
}) {
  const text = useOutcomesText();
  const { message } = App.useApp();
  const [isUploading, setUploading] = useState(false);
  const fail = (error: unknown) => message.error(error instanceof ApiError ? error.message : String(error));

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await uploadInspectionPhoto(countyCode, inspectionId, file);
      message.success(text("photoUploaded"));
      onChange();
    } catch (error) {
      fail(error);
    } finally {
      setUploading(false);
    }
  };
  const remove = async (photo: InspectionPhoto) => {
    try {
      await outcomesApi.deletePhoto(countyCode, inspectionId, photo.id);
      message.success(text("deleted"));
      onChange();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Space orientation="vertical" size={4} data-testid="inspection-photos">
      <Image.PreviewGroup>
        <Space wrap size={4}>
          {photos.map((photo) => (
            <span key={photo.id} style={{ position: "relative", display: "inline-block" }}>
              <DemoValue isDemo={photo.isDemo}>
                <Image
                  src={photo.url}
                  alt={photo.caption || photo.fileName}
                  title={photo.caption || photo.fileName}
                  width={56}
                  height={42}
                  style={{ objectFit: "cover", borderRadius: 4 }}
                  data-testid="inspection-photo"
                />
              </DemoValue>
              {canWrite && (
                <Popconfirm
                  title={text("photoConfirmDelete")}
                  onConfirm={() => remove(photo)}
                  okText={text("delete")}
                  cancelText={text("cancel")}
                >
                  <Tooltip title={text("photoDelete")}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={text("photoDelete")}
                      data-testid="inspection-photo-delete"
                    />
                  </Tooltip>
                </Popconfirm>
              )}
            </span>
          ))}
        </Space>
      </Image.PreviewGroup>
      {legacyRefs && (
        <Typography.Text type="secondary" style={{ whiteSpace: "pre-line" }}>
          {text("photoRefs")}：{legacyRefs}
        </Typography.Text>
      )}
      {canWrite && (
        <Tooltip title={text("photoTypes")}>
          <Upload
            accept="image/jpeg,image/png,image/webp"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={isUploading}
              data-testid="inspection-photo-upload"
            >
              {text("photoUpload")}
            </Button>
          </Upload>
        </Tooltip>
      )}
    </Space>
  );
}
