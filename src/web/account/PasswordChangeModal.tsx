import { App, Modal, Typography } from "antd";
import { useAccountText } from "./account.messages";
import { PasswordChangeForm } from "./PasswordChangeForm";

/** 修改密码 from the user menu: the same form in a dialog; this session stays signed in. */
export default function PasswordChangeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const at = useAccountText();
  const { message } = App.useApp();
  return (
    <Modal title={at("title")} open={open} onCancel={onClose} footer={null} destroyOnHidden width={440}>
      <div data-testid="password-change-modal">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {at("otherSessions")}
        </Typography.Paragraph>
        <PasswordChangeForm
          onChanged={() => {
            message.success(at("done"));
            onClose();
          }}
          onCancel={onClose}
        />
      </div>
    </Modal>
  );
}
