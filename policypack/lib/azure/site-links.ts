/**
 * Which site (function app or slot) a site-scoped resource belongs to: a basic-auth publishing policy
 * (`name` is the site's name) or a diagnostic setting (`resourceUri` is the site's ID). Joined by property
 * dependency when the program passed the site's outputs (always the case in preview, where the ID is
 * unknown), and by value otherwise, as a stack export of hand-written IDs needs.
 */
import { knownText } from "../known-value";
import { sameArmId, WEB_APP_SLOT_TYPE } from "./resources";
import type { StackResource } from "../stack/resource";

function dependsOn(resource: StackResource, property: string, target: StackResource): boolean {
    return (resource.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn);
}

/** The resource's ARM ID extends the site's (`<site id>/basicPublishingCredentialsPolicies/ftp`). */
function idBelow(resource: StackResource, site: StackResource): boolean {
    const siteId = knownText(() => site.props["id"]);
    const id = knownText(() => resource.props["id"]);
    return (
        siteId !== undefined &&
        id !== undefined &&
        id.toLowerCase().startsWith(`${siteId.replace(/\/+$/, "").toLowerCase()}/`)
    );
}

/** A policy named by `name` (+ `slot`), as `WebAppFtpAllowed` and `WebAppScmAllowed` (and `...Slot`) are. */
export function belongsToSiteByName(resource: StackResource, site: StackResource): boolean {
    if (dependsOn(resource, "name", site) || idBelow(resource, site)) {
        return true;
    }
    const name = knownText(() => resource.props["name"]);
    const siteName = knownText(() => site.props["name"]);
    if (
        name === undefined ||
        siteName === undefined ||
        name.toLowerCase() !== siteName.toLowerCase()
    ) {
        return false;
    }
    if (site.type !== WEB_APP_SLOT_TYPE) {
        return true;
    }
    const slot = knownText(() => resource.props["slot"]);
    const siteSlot = knownText(() => site.props["slot"]);
    return (
        slot !== undefined &&
        siteSlot !== undefined &&
        slot.toLowerCase() === siteSlot.toLowerCase()
    );
}

/** A resource attached by `resourceUri`, as a diagnostic setting is. */
export function belongsToSiteByUri(resource: StackResource, site: StackResource): boolean {
    if (dependsOn(resource, "resourceUri", site) || idBelow(resource, site)) {
        return true;
    }
    const uri = knownText(() => resource.props["resourceUri"]);
    const siteId = knownText(() => site.props["id"]);
    return uri !== undefined && siteId !== undefined && sameArmId(uri, siteId);
}
