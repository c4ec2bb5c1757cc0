import { describe, expect, it } from "vitest";
import { classifyPersonId, idCardCheckCharacter, maskIdCard } from "./id-card";

describe("ID card numbers (GB 11643) pasted as person ids", () => {
  it("computes the check character, X included", () => {
    expect(idCardCheckCharacter("11010519491231002")).toBe("X");
    expect(idCardCheckCharacter("13053319800101123")).toBe("9");
  });

  it("recognises an 18-character number with a valid check character, lower-case x and spaces too", () => {
    expect(classifyPersonId("11010519491231002X")).toEqual({
      kind: "id_card",
      normalized: "11010519491231002X",
    });
    expect(classifyPersonId(" 110105 19491231 002x ")).toEqual({
      kind: "id_card",
      normalized: "11010519491231002X",
    });
    // Full-width digits typed by an IME are the same number.
    expect(classifyPersonId("１３０５３３１９８００１０１１２３９")).toEqual({
      kind: "id_card",
      normalized: "130533198001011239",
    });
  });

  it("flags a mistyped ID number (wrong check character) instead of keeping it as an ordinary id", () => {
    expect(classifyPersonId("130533198001011238")).toEqual({ kind: "bad_id_card" });
    expect(classifyPersonId("110105194912310029")).toEqual({ kind: "bad_id_card" });
  });

  it("upgrades a first-generation 15-digit number to its 18-character form, so both match", () => {
    // 130533 800101 123 → 130533 19800101 123 + check character 9
    expect(classifyPersonId("130533800101123")).toEqual({
      kind: "id_card",
      normalized: "130533198001011239",
    });
  });

  it("keeps other identifiers as given", () => {
    expect(classifyPersonId("WX-2018-0001")).toEqual({ kind: "other", value: "WX-2018-0001" });
    // 15 digits whose middle is no birth date are an ordinary code, not an old ID number.
    expect(classifyPersonId("130533000000001")).toEqual({ kind: "other", value: "130533000000001" });
    expect(classifyPersonId("1305331980010112")).toEqual({ kind: "other", value: "1305331980010112" });
  });

  it("masks all but the first and last four characters", () => {
    expect(maskIdCard("13053319800101123X")).toBe("1305**********123X");
  });
});
