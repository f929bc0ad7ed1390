/** The colours and shapes every drawing of the identity graph shares, so DOT and Mermaid agree. */
import type { NodeKind } from "../../policypack/lib/graph/model";

export const RISK_RED = "#c62828";
export const EDGE_GREY = "#607d8b";
export const INVOKE_BLUE = "#1565c0";

export interface NodeStyle {
    readonly fill: string;
    readonly stroke: string;
}

export const NODE_STYLES: Readonly<Record<NodeKind, NodeStyle>> = {
    public: { fill: "#ffcdd2", stroke: RISK_RED },
    function: { fill: "#e3f2fd", stroke: INVOKE_BLUE },
    identity: { fill: "#fff8e1", stroke: "#f9a825" },
    resource: { fill: "#eceff1", stroke: "#78909c" },
};

/** A function that holds risky permissions keeps its fill and gets a red border. */
export const RISKY_FUNCTION_STYLE: NodeStyle = { fill: "#e3f2fd", stroke: RISK_RED };
