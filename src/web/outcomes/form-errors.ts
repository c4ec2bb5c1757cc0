/** Puts the server's refusal of a form where the officer looks: on the field it names, else a message. */
import type { FormInstance } from "antd";
import type { MessageInstance } from "antd/es/message/interface";
import { ApiError } from "../api/client";

/**
 * Marks each field that `error.details` names (by its `path`) with the server's message; anything
 * else (or a detail naming no field of the form) shows as the server's message, which is already
 * in the interface language.
 */
export function showSaveError(
  form: FormInstance,
  message: MessageInstance,
  error: unknown,
  fields: readonly string[],
): void {
  if (error instanceof ApiError) {
    const onFields = error.details.filter((d) => d.path && fields.includes(d.path));
    if (onFields.length) {
      form.setFields(onFields.map((d) => ({ name: d.path!, errors: [d.message] })));
      return;
    }
    message.error(error.message);
    return;
  }
  message.error(error instanceof Error ? error.message : String(error));
}
