#!/usr/bin/env node
// The compiled CLI lives in dist/ (npm run build); this shim only hands it the process arguments.
"use strict";
require("../dist/cli/main.js").main(process.argv);
