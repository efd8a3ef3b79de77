// Writes provisioning/prometheus/sli-recipes/<recipe>.yml from src/sla/recipes.ts for the default settings:
//   npx tsx scripts/sli-recipes.ts          (write)
//   npx tsx scripts/sli-recipes.ts --check  (exit 1 when a file differs; tests/sla/recipes.test.ts checks the same)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../src/settings/defaults';
import type { SliRecipeId } from '../src/settings/types';
import { recipeFor, recipeRulesYaml } from '../src/sla/recipes';

export const RECIPE_IDS: SliRecipeId[] = ['tenant-label', 'traefik', 'litellm', 'route-label'];
export const RECIPE_DIR = join(__dirname, '..', 'provisioning', 'prometheus', 'sli-recipes');

/** The shipped rule file of a recipe: the generator's output for the default settings with that recipe. */
export function shippedRecipeYaml(id: SliRecipeId): string {
  const s = defaultSettings();
  s.sli.recipe = id;
  return recipeRulesYaml(recipeFor(s));
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const id of RECIPE_IDS) {
    const file = join(RECIPE_DIR, `${id}.yml`);
    const text = shippedRecipeYaml(id);
    if (!check) {
      writeFileSync(file, text);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      stale++;
      process.stderr.write(`${file} is out of date: run npx tsx scripts/sli-recipes.ts\n`);
    }
  }
  process.exit(stale ? 1 : 0);
}
