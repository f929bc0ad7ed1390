// Cloud-neutral building blocks of the components: argument problems, naming, grant basics.
export { ArgumentProblems, shown } from "./problems";
export { childName, componentName, GRANT_NAME_PATTERN, stableHash } from "./naming";
export { closest, validateGrantBasics, type GrantBase } from "./grants";
