import type { MonitoringSection, ReferenceCatalog } from '../../domain/index.ts';

/** Every monitoring section with its river (reference data: any signed-in user reads it). */
export function listSectionsHandler(deps: { readonly catalog: ReferenceCatalog }): Array<{ section: MonitoringSection; riverNameZh: string; riverNameEn: string }> {
  return deps.catalog.sections().map((section) => {
    const river = deps.catalog.river(section.riverId);
    return { section, riverNameZh: river?.nameZh ?? '', riverNameEn: river?.nameEn ?? '' };
  });
}
