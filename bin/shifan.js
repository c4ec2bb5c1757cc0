#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the checkout needs no compile step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/shifan.ts");
