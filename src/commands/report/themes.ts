/** `remedi report themes`: themes across cohorts, how often each came up and which recur (docs/reports.md, "Themes"). */
import type { Context } from '../../cli/context.js';
import { chosenFormat } from '../../domain/reportFormat.js';
import { analyseThemes, type ThemeAnalysis } from '../../domain/themeAnalysis.js';
import { listCohorts } from '../../store/cohorts.js';
import { meetingThemes } from '../../store/meetings.js';
import { themedSessions } from '../../store/reportData.js';
import { NO_THEMES, renderThemes, THEMES_LEGEND, themesCsv } from '../../ui/themesOutput.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { printJson, readDatabase } from '../shared/skeleton.js';
import type { ThemesOptions } from './command.js';

export async function runReportThemes(options: ThemesOptions, context: Context): Promise<ThemeAnalysis> {
  const format = chosenFormat(options);
  const analysis = await readDatabase(options, context, (db) => {
    const wanted = options.cohort ?? listCohorts(db).map((c) => c.number);
    for (const number of wanted) resolveCohort(db, number, context);
    return analyseThemes(themedSessions(db, wanted), wanted, meetingThemes(db, wanted));
  });
  if (format === 'json') printJson(context, analysis);
  else if (format === 'csv') context.out(themesCsv(analysis));
  else if (analysis.themes.length === 0) context.err(NO_THEMES);
  else {
    context.out(renderThemes(analysis, context));
    context.err(THEMES_LEGEND);
  }
  return analysis;
}
