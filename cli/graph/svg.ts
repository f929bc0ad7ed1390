/**
 * The identity graph as SVG, drawn by Graphviz compiled to WebAssembly (@viz-js/viz): offline, no
 * native binary. The WebAssembly module is instantiated once per process, on first use.
 */
import type { Viz } from "@viz-js/viz";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import { graphToDot } from "./dot";

let viz: Promise<Viz> | undefined;

export async function graphToSvg(graph: IdentityGraph): Promise<string> {
    viz ??= import("@viz-js/viz").then((module) => module.instance());
    return (await viz).renderString(graphToDot(graph), { format: "svg", engine: "dot" });
}
