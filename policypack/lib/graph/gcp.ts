/** The Gcp part of the identity graph (see model.ts and gcp/part.ts). */
export { gcpGraphPart } from "./gcp/part";
