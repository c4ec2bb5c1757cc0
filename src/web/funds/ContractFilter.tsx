/** Search and filters of the contracts ledger (issue 18.4): text, contractor, problems; the count that matches. */
import { SearchOutlined } from "@ant-design/icons";
import { Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import type { Contract } from "./funds.api";

type Filter = { text: string; contractor: string; state: "" | "problems" | "clean" };

/** The contracts that match, and the bar that sets the filter and shows their count. */
export function useContractFilter(contracts: Contract[], zh: boolean) {
  const [filter, setFilter] = useState<Filter>({ text: "", contractor: "", state: "" });
  const text = filter.text.trim().toLowerCase();
  const hasProblems = (c: Contract) => c.problems.length + c.redFlags.length > 0;
  const shown = contracts.filter(
    (c) =>
      (!text ||
        c.contractNo.toLowerCase().includes(text) ||
        c.title.toLowerCase().includes(text) ||
        c.contractorName.toLowerCase().includes(text)) &&
      (!filter.contractor || c.contractorName === filter.contractor) &&
      (!filter.state || (filter.state === "problems") === hasProblems(c)),
  );
  const contractors = [...new Set(contracts.map((c) => c.contractorName))].sort();
  const bar = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input
        data-testid="contract-search"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={zh ? "合同编号、名称或承办企业" : "Contract no., title or contractor"}
        style={{ width: 240 }}
        value={filter.text}
        onChange={(e) => setFilter({ ...filter, text: e.target.value })}
      />
      <Select
        data-testid="contract-filter-contractor"
        style={{ width: 220, maxWidth: "100%" }}
        value={filter.contractor}
        showSearch={{ optionFilterProp: "label" }}
        onChange={(contractor: string) => setFilter({ ...filter, contractor })}
        options={[
          { value: "", label: zh ? "全部承办企业" : "All contractors" },
          ...contractors.map((name) => ({ value: name, label: name })),
        ]}
      />
      <Select
        data-testid="contract-state"
        style={{ width: 140 }}
        value={filter.state}
        onChange={(state: Filter["state"]) => setFilter({ ...filter, state })}
        options={[
          { value: "", label: zh ? "全部合同" : "All contracts" },
          { value: "problems", label: zh ? "有问题的" : "With problems" },
          { value: "clean", label: zh ? "无问题的" : "Without problems" },
        ]}
      />
      <Typography.Text data-testid="contract-count">
        {zh
          ? `共 ${contracts.length} 份合同，符合条件 ${shown.length} 份`
          : `${contracts.length} contracts, ${shown.length} match`}
      </Typography.Text>
    </Space>
  );
  return { shown, bar };
}
