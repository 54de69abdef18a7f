// SPDX-License-Identifier: Apache-2.0
// apps/minga/html_text.cpp - the HTML report's words in four languages (one row per message).
#include "html_text.hpp"

#include <array>
#include <string>

#include "cli.hpp"

namespace minga::cli::html {

namespace {

struct Row {
  Msg message;
  std::string_view es, pt, en, fr;
};

// clang-format off
constexpr std::array rows{
  Row{Msg::page_title, "Informe de resultados", "Relatório de resultados", "Results report", "Rapport des résultats"},
  Row{Msg::made_by, "Hecho con minga a partir de", "Feito com minga a partir de", "Made with minga from", "Réalisé avec minga à partir de"},
  Row{Msg::contents, "Contenido", "Conteúdo", "Contents", "Sommaire"},

  Row{Msg::ranked_title, "Escrutinio por orden de preferencia", "Apuração por ordem de preferência", "Ranked count", "Dépouillement par ordre de préférence"},
  Row{Msg::method, "Método", "Método", "Method", "Méthode"},
  Row{Msg::seats, "Escaños", "Vagas", "Seats", "Sièges"},
  Row{Msg::ballots, "Papeletas", "Cédulas", "Ballots", "Bulletins"},
  Row{Msg::blank_ballots, "Papeletas en blanco", "Cédulas em branco", "Blank ballots", "Bulletins blancs"},
  Row{Msg::winners, "Electos", "Eleitos", "Winners", "Élus"},
  Row{Msg::complete, "Escrutinio completo", "Apuração completa", "Count complete", "Dépouillement complet"},
  Row{Msg::incomplete, "Escrutinio detenido por un empate", "Apuração interrompida por um empate", "Count stopped by a tie", "Dépouillement arrêté par une égalité"},
  Row{Msg::flow_title, "Votos ronda a ronda", "Votos rodada a rodada", "Votes round by round", "Voix tour par tour"},
  Row{Msg::flow_caption, "Cada columna es una ronda; las bandas muestran los votos que pasan de una candidatura a otra, o que dejan de contar.",
      "Cada coluna é uma rodada; as faixas mostram os votos que passam de uma candidatura para outra, ou que deixam de contar.",
      "Each column is a round; the bands show the votes moving from one candidate to another, or no longer counting.",
      "Chaque colonne est un tour ; les bandes montrent les voix qui passent d'une candidature à une autre, ou qui ne comptent plus."},
  Row{Msg::round_table_title, "Tabla de rondas", "Tabela de rodadas", "Round table", "Tableau des tours"},
  Row{Msg::round, "Ronda", "Rodada", "Round", "Tour"},
  Row{Msg::candidate, "Candidatura", "Candidatura", "Candidate", "Candidature"},
  Row{Msg::inactive, "Papeletas inactivas", "Cédulas inativas", "Inactive ballots", "Bulletins inactifs"},
  Row{Msg::threshold, "Umbral", "Limiar", "Threshold", "Seuil"},
  Row{Msg::decisions, "Decisiones", "Decisões", "Decisions", "Décisions"},
  Row{Msg::elected, "electo/a", "eleito/a", "elected", "élu·e"},
  Row{Msg::excluded, "eliminado/a", "eliminado/a", "excluded", "éliminé·e"},
  Row{Msg::surplus_of, "se transfiere el excedente de", "transfere-se o excedente de", "surplus transferred from", "transfert de l'excédent de"},
  Row{Msg::scores_title, "Puntuaciones", "Pontuações", "Scores", "Scores"},
  Row{Msg::ties_title, "Empates", "Empates", "Ties", "Égalités"},
  Row{Msg::tie_between, "empate entre", "empate entre", "tie between", "égalité entre"},
  Row{Msg::tie_settled_by, "resuelto por", "resolvido por", "settled by", "départagée par"},
  Row{Msg::unresolved_tie, "El escrutinio se detuvo en un empate entre", "A apuração parou num empate entre", "The count stopped at a tie between", "Le dépouillement s'est arrêté sur une égalité entre"},
  Row{Msg::notes, "Notas", "Notas", "Notes", "Notes"},

  Row{Msg::budget_title, "Presupuesto participativo", "Orçamento participativo", "Participatory budget", "Budget participatif"},
  Row{Msg::rule, "Regla", "Regra", "Rule", "Règle"},
  Row{Msg::satisfaction, "Medida de satisfacción", "Medida de satisfação", "Satisfaction measure", "Mesure de satisfaction"},
  Row{Msg::budget, "Presupuesto", "Orçamento", "Budget", "Budget"},
  Row{Msg::voters, "Votantes", "Votantes", "Voters", "Votants"},
  Row{Msg::total_cost, "Costo de los proyectos financiados", "Custo dos projetos financiados", "Cost of the funded projects", "Coût des projets financés"},
  Row{Msg::left_over, "Sobrante", "Sobra", "Left over", "Reste"},
  Row{Msg::exhaustive, "Exhaustivo (ningún otro proyecto cabe)", "Exaustivo (nenhum outro projeto cabe)", "Exhaustive (no other project fits)", "Exhaustif (aucun autre projet ne rentre)"},
  Row{Msg::endowment, "Dotación por votante", "Dotação por votante", "Endowment per voter", "Dotation par votant"},
  Row{Msg::budget_use_title, "Uso del presupuesto", "Uso do orçamento", "Use of the budget", "Utilisation du budget"},
  Row{Msg::funded_title, "Proyectos financiados", "Projetos financiados", "Funded projects", "Projets financés"},
  Row{Msg::unfunded_title, "Proyectos no financiados", "Projetos não financiados", "Projects not funded", "Projets non financés"},
  Row{Msg::excluded_title, "Proyectos excluidos antes del conteo", "Projetos excluídos antes da contagem", "Projects excluded before the count", "Projets exclus avant le décompte"},
  Row{Msg::project, "Proyecto", "Projeto", "Project", "Projet"},
  Row{Msg::cost, "Costo", "Custo", "Cost", "Coût"},
  Row{Msg::votes, "Votos", "Votos", "Votes", "Voix"},
  Row{Msg::phase, "Fase", "Fase", "Phase", "Phase"},
  Row{Msg::effective_votes, "Votos efectivos", "Votos efetivos", "Effective votes", "Voix effectives"},
  Row{Msg::reason, "Motivo", "Motivo", "Reason", "Motif"},
  Row{Msg::analysis_title, "Comprobaciones de proporcionalidad", "Verificações de proporcionalidade", "Proportionality checks", "Contrôles de proportionnalité"},
  Row{Msg::empty_handed, "Votantes sin ningún proyecto financiado", "Votantes sem nenhum projeto financiado", "Voters with no funded project", "Votants sans aucun projet financé"},
  Row{Msg::average_funded, "Proyectos financiados apoyados por votante (promedio)", "Projetos financiados apoiados por votante (média)", "Funded projects supported per voter (average)", "Projets financés soutenus par votant (moyenne)"},
  Row{Msg::satisfied, "se cumple", "cumpre-se", "satisfied", "satisfait"},
  Row{Msg::fails, "NO se cumple", "NÃO se cumpre", "FAILS", "NON satisfait"},
  Row{Msg::price_system, "Sistema de precios", "Sistema de preços", "Price system", "Système de prix"},
  Row{Msg::valid, "válido", "válido", "valid", "valide"},
  Row{Msg::not_valid, "NO válido", "NÃO válido", "NOT valid", "NON valide"},
  Row{Msg::comparison_title, "Comparación de reglas", "Comparação de regras", "Rules compared", "Comparaison des règles"},
  Row{Msg::comparison_caption, "Los mismos proyectos según cada regla.", "Os mesmos projetos segundo cada regra.", "The same projects under each rule.", "Les mêmes projets selon chaque règle."},
  Row{Msg::funded_yes, "financiado", "financiado", "funded", "financé"},
  Row{Msg::funded_no, "no financiado", "não financiado", "not funded", "non financé"},
  Row{Msg::projects_funded, "Proyectos financiados", "Projetos financiados", "Projects funded", "Projets financés"},

  Row{Msg::qv_title, "Votación cuadrática", "Votação quadrática", "Quadratic voting", "Vote quadratique"},
  Row{Msg::credits, "Créditos por votante", "Créditos por votante", "Credits per voter", "Crédits par votant"},
  Row{Msg::counted, "Papeletas contadas", "Cédulas contadas", "Ballots counted", "Bulletins comptés"},
  Row{Msg::rejected, "Papeletas rechazadas", "Cédulas rejeitadas", "Ballots rejected", "Bulletins rejetés"},
  Row{Msg::option, "Opción", "Opção", "Option", "Option"},
  Row{Msg::name, "Nombre", "Nome", "Name", "Nom"},
  Row{Msg::votes_for, "A favor", "A favor", "For", "Pour"},
  Row{Msg::votes_against, "En contra", "Contra", "Against", "Contre"},
  Row{Msg::credits_spent, "Créditos gastados", "Créditos gastos", "Credits spent", "Crédits dépensés"},
  Row{Msg::spent_everything, "Papeletas que gastaron todos sus créditos", "Cédulas que gastaram todos os seus créditos", "Ballots that spent all their credits", "Bulletins ayant dépensé tous leurs crédits"},
  Row{Msg::rejected_title, "Papeletas rechazadas y por qué", "Cédulas rejeitadas e por quê", "Rejected ballots and why", "Bulletins rejetés et pourquoi"},
  Row{Msg::more_rejected, "… y {} más (ver el JSON)", "… e mais {} (ver o JSON)", "… and {} more (see the JSON)", "… et {} de plus (voir le JSON)"},
  Row{Msg::strata_title, "Por canal y distrito", "Por canal e distrito", "By channel and district", "Par canal et district"},
  Row{Msg::channel, "Canal", "Canal", "Channel", "Canal"},
  Row{Msg::district, "Distrito", "Distrito", "District", "District"},

  Row{Msg::qf_title, "Financiamiento cuadrático", "Financiamento quadrático", "Quadratic funding", "Financement quadratique"},
  Row{Msg::pool, "Fondo de contrapartida", "Fundo de contrapartida", "Matching pool", "Fonds d'abondement"},
  Row{Msg::matched, "Contrapartida repartida", "Contrapartida distribuída", "Matching paid out", "Abondement versé"},
  Row{Msg::unallocated, "Sin repartir", "Não distribuído", "Not allocated", "Non attribué"},
  Row{Msg::variant, "Variante", "Variante", "Variant", "Variante"},
  Row{Msg::fit, "Ajuste al fondo", "Ajuste ao fundo", "Fit to the pool", "Ajustement au fonds"},
  Row{Msg::saturated, "Fondo agotado", "Fundo esgotado", "Pool exhausted", "Fonds épuisé"},
  Row{Msg::alpha, "Alfa", "Alfa", "Alpha", "Alpha"},
  Row{Msg::contributions, "Aportes", "Contribuições", "Contributions", "Contributions"},
  Row{Msg::donors, "Donantes", "Doadores", "Donors", "Donateurs"},
  Row{Msg::match, "Contrapartida", "Contrapartida", "Match", "Abondement"},
  Row{Msg::funding, "Financiamiento total", "Financiamento total", "Total funding", "Financement total"},
  Row{Msg::capped, "Con tope", "Com teto", "Capped", "Plafonné"},
  Row{Msg::share, "Proporción", "Proporção", "Share", "Part"},
  Row{Msg::why, "Detalle", "Detalhe", "Detail", "Détail"},

  Row{Msg::verification_title, "Verificación del registro electoral", "Verificação do registro eleitoral", "Verification of the election record", "Vérification du registre électoral"},
  Row{Msg::verified, "Todas las comprobaciones pasaron: el registro está verificado.", "Todas as verificações passaram: o registro está verificado.", "Every check passed: the record is verified.", "Tous les contrôles sont réussis : le registre est vérifié."},
  Row{Msg::rejected_record, "Alguna comprobación FALLÓ: el registro se rechaza.", "Alguma verificação FALHOU: o registro é rejeitado.", "A check FAILED: the record is rejected.", "Un contrôle a ÉCHOUÉ : le registre est rejeté."},
  Row{Msg::check, "Comprobación", "Verificação", "Check", "Contrôle"},
  Row{Msg::outcome, "Resultado", "Resultado", "Outcome", "Résultat"},
  Row{Msg::pass, "PASA", "PASSA", "PASS", "RÉUSSI"},
  Row{Msg::fail, "FALLA", "FALHA", "FAIL", "ÉCHEC"},

  Row{Msg::yes, "sí", "sim", "yes", "oui"},
  Row{Msg::no, "no", "não", "no", "non"},
};
// clang-format on

// Every message has its row, in enum order, and no language is left empty.
constexpr bool table_is_complete() {
  if (rows.size() != static_cast<std::size_t>(Msg::count_)) return false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (static_cast<std::size_t>(rows[i].message) != i) return false;
    if (rows[i].es.empty() || rows[i].pt.empty() || rows[i].en.empty() || rows[i].fr.empty()) return false;
  }
  return true;
}
static_assert(table_is_complete(), "html_text.cpp: one row per Msg, in order, with all four languages");

}  // namespace

Language language_from_name(std::string_view name) {
  if (name == "es") return Language::es;
  if (name == "pt") return Language::pt;
  if (name == "en") return Language::en;
  if (name == "fr") return Language::fr;
  throw UsageError("--lang: unknown language '" + std::string(name) + "' (es, pt, en, fr)");
}

std::string_view language_code(Language language) {
  switch (language) {
    case Language::es: return "es";
    case Language::pt: return "pt";
    case Language::en: return "en";
    case Language::fr: return "fr";
  }
  return "es";
}

std::string_view text(Msg message, Language language) {
  const Row& row = rows.at(static_cast<std::size_t>(message));
  switch (language) {
    case Language::es: return row.es;
    case Language::pt: return row.pt;
    case Language::en: return row.en;
    case Language::fr: return row.fr;
  }
  return row.es;
}

}  // namespace minga::cli::html
