"""The verbs that report speech ("noted", "a souligné", "отметил", "dijo", "sagte",
"zei") and those of a part taken in a meeting ("presented", "opened"), in the languages
of the reports, as regular expressions for ``index.attribution.news``."""

from __future__ import annotations

FR_PARTICIPLE = (
    r"(?:déclaré|souligné|indiqué|affirmé|rappelé|expliqué|précisé|ajouté|estimé|noté|insisté"
    r"|annoncé|averti|conclu|dit|observé|relevé|proposé|plaidé|regretté|fait\s+valoir"
    r"|mis\s+en\s+avant|considéré|jugé|assuré|confié|martelé|reconnu|appelé|constaté"
    r"|signalé|résumé|poursuivi|répondu)"
)
VERBS = (
    r"(?:said|says|noted|notes|stressed|stresses|underlined|underlines|underscored"
    r"|emphasi[sz]ed|emphasi[sz]es|added|adds|explained|explains|pointed\s+out|points\s+out"
    r"|stated|states|remarked|observed|recalled|recalls|declared|announced|highlighted"
    r"|urged|suggested|proposed|concluded|commented|argued|insisted|believes|believed"
    r"|told|replied|answered|continued|mentioned|warned|acknowledged|affirmed|asserted"
    r"|reminded|expressed|assured|indicated|reported|shared|spoke|summed\s+up|summari[sz]ed"
    r"|called\s+for|opined|asked|conceded|admitted|cautioned|tweeted|contended|countered"
    r"|responded|predicted(?=\s+that\b)"
    # French: the passé composé (the participle agrees with neither "il" nor "elle":
    # "a déclaré" for both) and the present; "s'est dite" agrees.
    r"|(?:a|avait)\s+(?:(?:également|aussi|encore|ensuite|notamment|enfin|quant\s+à\s+lui"
    rf"|quant\s+à\s+elle)\s+)*{FR_PARTICIPLE}"
    r"|s['’]est\s+(?:dit|dite|déclaré|déclarée|félicité|félicitée|inquiété|inquiétée)"
    r"|déclare|souligne|indique|affirme|rappelle|explique|précise|ajoute|estime|insiste"
    r"|observe|constate|martèle|conclut"
    # minutes write in the present: "M. Benali demande si …", "M. le Maire répond que …"
    r"|expose|demande|répond|propose|informe|annonce|signale|remarque|suggère|souhaite"
    r"|regrette|interroge|[Ii]ntervient|[Pp]rend\s+la\s+parole"
    # Russian: past tense in three genders and the plural ("отметил", "отметила",
    # "отметили"), and the present.
    r"|(?:отметил|подчеркнул|заявил|сказал|сообщил|добавил|пояснил|напомнил|указал"
    r"|рассказал|призвал|предложил|выразил|констатировал|уточнил|признал|резюмировал"
    r"|подытожил|заметил|высказал|акцентировал|обратил\s+внимание|выступил|считал"
    r"|полагал|говорил|убеждён|убежден)(?:а|и|о)?"
    r"|отмечает|подчёркивает|подчеркивает|заявляет|говорит|считает|полагает|уверен|уверена"
    r"|поясняет|напоминает|указывает|призывает|предлагает"
    # Spanish and Portuguese (the preterite, as news reports write), Italian (the passato
    # prossimo), German (the Präteritum; verb second: "Anna Weber sagte, dass …").
    r"|dijo|afirmó|señaló|destacó|explicó|subrayó|indicó|añadió|propuso|advirtió|consideró"
    r"|aseguró|recordó|manifestó|expresó|sostuvo|planteó|insistió|concluyó|declaró|apuntó"
    r"|resaltó|reconoció|comentó|disse|afirmou|sublinhou|destacou|explicou|defendeu|propôs"
    r"|salientou|referiu|considerou|alertou|lembrou|acrescentou|declarou|observou|sustentou"
    r"|ha\s+(?:detto|affermato|sottolineato|spiegato|dichiarato|ricordato|proposto|osservato"
    r"|evidenziato|aggiunto|ribadito|precisato|avvertito)"
    r"|sagte|erklärte|betonte|forderte|warnte|unterstrich|meinte|bekräftigte|kritisierte"
    r"|mahnte|ergänzte|berichtete|verwies"
    # the same in the present, as news reports also write ("afirma X", "sagt X"), and
    # verbs of asking for ("pidió", "reclamó", "chiese")
    r"|pidió|reclamó|exigió|solicitó|dice|afirma|señala|destaca|explica|subraya|indica|añade"
    r"|propone|advierte|considera|asegura|recuerda|sostiene|insiste|pide|reclama|diz|pediu"
    r"|ha\s+chiesto|chiede|afferma|sottolinea|spiega|dichiara|ricorda|propone|osserva"
    r"|sagt|erklärt|betont|fordert|warnt|unterstreicht|meint|kritisiert|mahnt|verlangte"
    r"|verlangt"
    # German minutes: "Herr Braun fragt, ob …", "Frau Demir schlägt vor, …"
    r"|berichtet|fragt|fragte|schlägt\s+vor|schlug\s+vor|erläutert|erläuterte|informiert"
    r"|informierte|weist\s+darauf\s+hin|wies\s+darauf\s+hin|merkt\s+an|merkte\s+an|regt\s+an"
    r"|regte\s+an|bittet|bat|antwortet|antwortete|teilt\s+mit|teilte\s+mit|führt\s+aus"
    r"|führte\s+aus|stellt\s+fest|stellte\s+fest"
    # Spanish minutes: "Toma la palabra el Sr. X", "Interviene la Sra. Y"
    # Italian minutes: "La Tesoriera illustra il bilancio e precisa che …"
    r"|illustra|precisa|chiede|risponde|riferisce|comunica|evidenzia|segnala|interviene"
    r"|[Tt]oma\s+la\s+palabra|[Tt]omó\s+la\s+palabra|[Ii]nterviene|[Ii]ntervino|pregunta|preguntó"
    r"|responde|respondió|informa|informó|solicita|solicitó"
    # Dutch: "zei X", "aldus X" (after a quote), "X pleitte voor …", "Zij wees erop dat …"
    r"|zei|zegt|aldus|stelde|stelt|benadrukte|benadrukt|verklaarde|verklaart|pleitte|pleit"
    r"|waarschuwde|waarschuwt|wees\s+erop|wijst\s+erop|merkte\s+op|vond|vindt|voegde\s+toe"
    r"|onderstreepte|betoogde|riep\s+op|vroeg|antwoordde|erkende)"
)
AUX = r"(?:(?:has|had|have|also|further|then|again)\s+)*"


# Verbs of a part taken in a meeting: "X presented a study", "X focused on …", "X
# invited …". Such a sentence is X's contribution, as a speech verb is; "X attended",
# "X was elected" are not.
DISCOURSE = (
    r"(?:presented|focused|focussed|addressed|spoke|opened|closed|welcomed|invited|encouraged"
    r"|described|outlined|introduced|raised|thanked|congratulated|led|chaired|moderated"
    r"|reviewed|discussed|defended|criticised|criticized|questioned|challenged|recommended"
    r"|appealed|pleaded|listed|cited|quoted|presents|focuses|addresses|describes|invites"
    # "Julien Mercier, représentant …, a présenté l'expérience …" and its kin
    r"|(?:a|avait)\s+(?:(?:également|aussi|ensuite|enfin)\s+)*(?:présenté|ouvert|clos|clôturé"
    r"|accueilli|invité|décrit|abordé|présidé|animé|défendu|critiqué|recommandé|évoqué|cité"
    r"|remercié|exposé|détaillé|introduit|pris\s+la\s+parole)"
    r"|представил[аи]?|открыл[аи]?|описал[аи]?|приветствовал[аи]?|поблагодарил[аи]?"
    r"|presentó|abrió|clausuró|inauguró|describió|moderó|presidió|agradeció|defendió|criticó"
    r"|recomendó|abordó|apresentou|abriu|encerrou|descreveu|moderou|presidiu|agradeceu"
    r"|ha\s+(?:presentato|aperto|chiuso|descritto|moderato|presieduto|ringraziato)"
    r"|stellte|eröffnete|begrüßte|beschrieb|moderierte|leitete|dankte)"
)
