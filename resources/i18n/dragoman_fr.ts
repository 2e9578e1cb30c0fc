<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Push-to-talk speech translation: hold a hotkey, speak, hear the translation.</source>
        <translation>Traduction vocale par appui : maintenez une touche, parlez, entendez la traduction.</translation>
    </message>
    <message>
        <source>About Dragoman</source>
        <translation>À propos de Dragoman</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Show the folder of %1 in the file manager</source>
        <translation>Afficher le dossier de %1 dans le gestionnaire de fichiers</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1 :</translation>
    </message>
    <message>
        <source>Copy these lines, for a bug report</source>
        <translation>Copier ces lignes, pour un rapport de bogue</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Fichier journal</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Fichier de paramètres</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
</context>
<context>
    <name>BannerWidget</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Next step for: %1</source>
        <translation>Étape suivante pour : %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss %1</source>
        <translation>Fermer : %1</translation>
    </message>
</context>
<context>
    <name>CaptionOverlay</name>
    <message>
        <source>Dragoman captions</source>
        <translation>Sous-titres Dragoman</translation>
    </message>
    <message>
        <source>Live captions</source>
        <translation>Sous-titres en direct</translation>
    </message>
    <message>
        <source>Done (Enter)</source>
        <translation>Terminé (Entrée)</translation>
    </message>
    <message>
        <source>Keep the captions here (Enter); Escape puts them back</source>
        <translation>Garder les sous-titres ici (Entrée) ; Échap les remet en place</translation>
    </message>
    <message>
        <source>Captions appear here. Drag to move, drag a side to change the width.</source>
        <translation>Les sous-titres apparaissent ici. Faites glisser pour déplacer, faites glisser un bord pour changer la largeur.</translation>
    </message>
</context>
<context>
    <name>CompactWindow</name>
    <message>
        <source>Dragoman compact window</source>
        <translation>Fenêtre compacte de Dragoman</translation>
    </message>
    <message>
        <source>The language pair; recent pairs on its menu</source>
        <translation>La paire de langues ; les paires récentes dans son menu</translation>
    </message>
    <message>
        <source>Swap the two languages</source>
        <translation>Permuter les deux langues</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Permuter les langues</translation>
    </message>
    <message>
        <source>Open the main window</source>
        <translation>Ouvrir la fenêtre principale</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Last original</source>
        <translation>Dernier original</translation>
    </message>
    <message>
        <source>Last translation</source>
        <translation>Dernière traduction</translation>
    </message>
    <message>
        <source>Languages: %1 to %2</source>
        <translation>Langues : de %1 vers %2</translation>
    </message>
    <message>
        <source>No recent pairs yet</source>
        <translation>Pas encore de paires récentes</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>prêt</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>écoute</translation>
    </message>
    <message>
        <source>translating</source>
        <translation>traduction</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnexion</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>requiert votre attention</translation>
    </message>
    <message>
        <source>Dragoman — %1</source>
        <translation>Dragoman — %1</translation>
    </message>
    <message>
        <source>Press to unmute.</source>
        <translation>Appuyez pour rétablir le son.</translation>
    </message>
    <message>
        <source>Press to mute everything going into the call.</source>
        <translation>Appuyez pour couper tout ce qui part dans l&apos;appel.</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>%1 The talk keys work; the other hotkeys (%2) are off until that is fixed in Settings → Push-to-talk.</source>
        <translation>%1 Les touches de parole fonctionnent ; les autres raccourcis (%2) sont désactivés jusqu&apos;à ce que ce soit corrigé dans Paramètres → Appuyer pour parler.</translation>
    </message>
    <message>
        <source>The hotkey works only while Dragoman&apos;s window has focus: %1. Bind `dragoman ptt press` / `dragoman ptt release` in your desktop&apos;s keyboard settings for a global key.</source>
        <translation>Le raccourci ne fonctionne que lorsque la fenêtre de Dragoman a le focus : %1. Associez `dragoman ptt press` / `dragoman ptt release` dans les paramètres clavier de votre bureau pour une touche globale.</translation>
    </message>
</context>
<context>
    <name>DubbingWindow</name>
    <message>
        <source>Dubbing — Dragoman</source>
        <translation>Doublage — Dragoman</translation>
    </message>
    <message>
        <source>Translate a whole recording or video: Pinch returns the same media spoken in another language, with subtitles. Results are saved beside each file.</source>
        <translation>Traduire un enregistrement ou une vidéo entière : Pinch renvoie le même média parlé dans une autre langue, avec des sous-titres. Les résultats sont enregistrés à côté de chaque fichier.</translation>
    </message>
    <message>
        <source>Drop recordings or videos here (mp4, mov, mkv, webm, wav, mp3, …)</source>
        <translation>Déposez ici des enregistrements ou des vidéos (mp4, mov, mkv, webm, wav, mp3, …)</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Ajouter des fichiers…</translation>
    </message>
    <message>
        <source>…or paste a direct link to a media file (https://…/talk.mp4)</source>
        <translation>…ou collez un lien direct vers un fichier multimédia (https://…/conference.mp4)</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Ajouter le lien</translation>
    </message>
    <message>
        <source>Reduce accent</source>
        <translation>Réduire l&apos;accent</translation>
    </message>
    <message>
        <source>Ask for a more native-sounding voice in the new language.</source>
        <translation>Demander une voix plus naturelle dans la nouvelle langue.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>to</source>
        <translation>vers</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Ouvrir le résultat</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Copy job id</source>
        <translation>Copier l&apos;identifiant de la tâche</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Ne plus attendre</translation>
    </message>
    <message>
        <source>Stop following this job here (at Pinch it may go on; Resume picks it up again).</source>
        <translation>Ne plus suivre cette tâche ici (chez Pinch, elle peut continuer ; « Reprendre » la récupère).</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message numerus="yes">
        <source>Added %n job(s): uploading, then Pinch takes a few minutes per hour of media.</source>
        <translation>
            <numerusform>%n tâche ajoutée : envoi en cours, puis Pinch prend quelques minutes par heure de média.</numerusform>
            <numerusform>%n tâches ajoutées : envoi en cours, puis Pinch prend quelques minutes par heure de média.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dub recordings or videos</source>
        <translation>Doubler des enregistrements ou des vidéos</translation>
    </message>
    <message>
        <source>Copied the job id %1 (support asks for it).</source>
        <translation>Identifiant de tâche %1 copié (le support le demande).</translation>
    </message>
    <message>
        <source>Dubbing done</source>
        <translation>Doublage terminé</translation>
    </message>
    <message>
        <source>%1 in %2: saved as %3.</source>
        <translation>%1 en %2 : enregistré sous %3.</translation>
    </message>
    <message>
        <source>Dubbing failed</source>
        <translation>Échec du doublage</translation>
    </message>
    <message>
        <source>Dubbing needs attention</source>
        <translation>Le doublage requiert votre attention</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Wear headphones for this check and for talking: on speakers the microphone hears the playback, so you get an echo here and Dragoman may hear its own translation later.</source>
        <translation>Portez un casque pour ce test et pour parler : sur des haut-parleurs, le micro entend la lecture, vous aurez donc de l&apos;écho ici et Dragoman risque d&apos;entendre plus tard sa propre traduction.</translation>
    </message>
    <message>
        <source>Dragoman watches the keyboard itself, so the key works whatever window is in front.</source>
        <translation>Dragoman surveille lui-même le clavier : la touche fonctionne quelle que soit la fenêtre au premier plan.</translation>
    </message>
    <message>
        <source>Your desktop passes the key to Dragoman (its global-shortcuts service); the desktop may ask you once to allow it.</source>
        <translation>Votre bureau transmet la touche à Dragoman (par son service de raccourcis globaux) ; le bureau peut vous demander une fois l&apos;autorisation.</translation>
    </message>
    <message>
        <source>The key works only while Dragoman&apos;s window is in front. To talk from any window, bind the commands `dragoman ptt press` and `dragoman ptt release` to a key in your desktop&apos;s keyboard settings.</source>
        <translation>La touche ne fonctionne que lorsque la fenêtre de Dragoman est au premier plan. Pour parler depuis n&apos;importe quelle fenêtre, associez les commandes `dragoman ptt press` et `dragoman ptt release` à une touche dans les paramètres clavier de votre bureau.</translation>
    </message>
    <message>
        <source>The key is not connected to your desktop yet; if “Got it” never appears, the key works only while Dragoman&apos;s window is in front (see the README: Hotkeys on each desktop).</source>
        <translation>La touche n&apos;est pas encore reliée à votre bureau ; si « C&apos;est bon » n&apos;apparaît jamais, la touche ne fonctionne que lorsque la fenêtre de Dragoman est au premier plan (voir le README : Hotkeys on each desktop).</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;&lt;b&gt;Zoom&lt;/b&gt;: Settings → Audio → Microphone → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Google Meet&lt;/b&gt;: ⋮ More options → Settings → Audio → Microphone → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Discord&lt;/b&gt;: User Settings → Voice &amp;amp; Video → Input Device → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;Keep your headphones as Dragoman&apos;s monitor output (Settings → Audio) to hear the translation yourself.</source>
        <translation>&lt;ul&gt;&lt;li&gt;&lt;b&gt;Zoom&lt;/b&gt; : Paramètres → Audio → Microphone → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Google Meet&lt;/b&gt; : ⋮ Autres options → Paramètres → Audio → Micro → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Discord&lt;/b&gt; : Paramètres utilisateur → Voix et vidéo → Périphérique d&apos;entrée → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;Gardez votre casque comme sortie d&apos;écoute de Dragoman (Paramètres → Audio) pour entendre vous-même la traduction.</translation>
    </message>
    <message>
        <source>Set up Dragoman</source>
        <translation>Configurer Dragoman</translation>
    </message>
    <message>
        <source>Welcome to Dragoman</source>
        <translation>Bienvenue dans Dragoman</translation>
    </message>
    <message>
        <source>A push-to-talk interpreter for your desktop.</source>
        <translation>Un interprète « appuyer pour parler » pour votre bureau.</translation>
    </message>
    <message>
        <source>Hold a key anywhere on your desktop and speak: Dragoman translates what you say, plays the translation in your headphones or into a call, and shows both texts side by side.</source>
        <translation>Maintenez une touche n&apos;importe où sur votre bureau et parlez : Dragoman traduit ce que vous dites, joue la traduction dans votre casque ou dans un appel, et affiche les deux textes côte à côte.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your speech goes to Pinch&apos;s cloud service.&lt;/b&gt; While you hold the key, your microphone is streamed to Pinch&apos;s real-time translation service, which sends back the text and the translated speech. Nothing is sent between holds, and your API key stays in your OS keyring. Read the &lt;a href=&quot;%1&quot;&gt;privacy notes&lt;/a&gt; (also in the README), or visit the &lt;a href=&quot;%2&quot;&gt;Pinch developer portal&lt;/a&gt;.</source>
        <translation>&lt;b&gt;Votre voix est envoyée au service cloud de Pinch.&lt;/b&gt; Tant que vous maintenez la touche, votre micro est transmis au service de traduction en temps réel de Pinch, qui renvoie le texte et la voix traduite. Rien n&apos;est envoyé entre deux appuis, et votre clé d&apos;API reste dans le trousseau du système. Lisez les &lt;a href=&quot;%1&quot;&gt;notes de confidentialité&lt;/a&gt; (aussi dans le README) ou consultez le &lt;a href=&quot;%2&quot;&gt;portail développeurs de Pinch&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>The next pages take a minute: your key, your microphone, your push-to-talk key and, if you want, a microphone for calls.</source>
        <translation>Les pages suivantes prennent une minute : votre clé, votre micro, votre touche de parole et, si vous le souhaitez, un micro pour les appels.</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micro</translation>
    </message>
    <message>
        <source>Choose your microphone and speak: the bar should move.</source>
        <translation>Choisissez votre micro et parlez : la barre devrait bouger.</translation>
    </message>
    <message>
        <source>The microphone Dragoman listens to while you hold the key</source>
        <translation>Le micro que Dragoman écoute pendant que vous maintenez la touche</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Hold to hear yourself</source>
        <translation>Maintenir pour vous entendre</translation>
    </message>
    <message>
        <source>While you hold it, your voice plays back through the same path your translations take. Nothing is sent to the service.</source>
        <translation>Tant que vous le maintenez, votre voix est rejouée par le même chemin que vos traductions. Rien n&apos;est envoyé au service.</translation>
    </message>
    <message>
        <source>Your push-to-talk key</source>
        <translation>Votre touche de parole</translation>
    </message>
    <message>
        <source>Hold it to talk, release it to hear the translation.</source>
        <translation>Maintenez-la pour parler, relâchez-la pour entendre la traduction.</translation>
    </message>
    <message>
        <source>Waiting for the key…</source>
        <translation>En attente de la touche…</translation>
    </message>
    <message>
        <source>Another key? Click the field and press the key or combination you want (Right Ctrl alone, Ctrl+Shift+Space, a mouse side button…).</source>
        <translation>Une autre touche ? Cliquez dans le champ et appuyez sur la touche ou la combinaison voulue (Ctrl droit seul, Ctrl+Maj+Espace, un bouton latéral de la souris…).</translation>
    </message>
    <message>
        <source>Translated voice in calls (optional)</source>
        <translation>Voix traduite dans les appels (facultatif)</translation>
    </message>
    <message>
        <source>Let the other side of a Zoom, Meet or Discord call hear the translation.</source>
        <translation>Faire entendre la traduction à l&apos;autre côté d&apos;un appel Zoom, Meet ou Discord.</translation>
    </message>
    <message>
        <source>Dragoman can create a virtual microphone, &lt;i&gt;Dragoman Microphone&lt;/i&gt;, and play the translation into it. In your call app, choose it as the microphone:</source>
        <translation>Dragoman peut créer un micro virtuel, &lt;i&gt;Dragoman Microphone&lt;/i&gt;, et y jouer la traduction. Dans votre application d&apos;appel, choisissez-le comme micro :</translation>
    </message>
    <message>
        <source>Create virtual microphone</source>
        <translation>Créer un micro virtuel</translation>
    </message>
    <message>
        <source>Not available here: on Windows install VB-CABLE, on macOS BlackHole, then choose it as the call output in Settings → Audio.</source>
        <translation>Non disponible ici : sous Windows, installez VB-CABLE, sous macOS BlackHole, puis choisissez-le comme sortie d&apos;appel dans Paramètres → Audio.</translation>
    </message>
    <message>
        <source>Skip this page if you only need the translation yourself.</source>
        <translation>Passez cette page si vous n&apos;avez besoin de la traduction que pour vous.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Dragoman is set up.</source>
        <translation>Dragoman est configuré.</translation>
    </message>
    <message>
        <source>Dragoman lives in the tray: closing the window keeps push-to-talk working. Run this assistant again from Help → Setup assistant or the tray menu.</source>
        <translation>Dragoman vit dans la zone de notification : fermer la fenêtre laisse l&apos;appui pour parler actif. Relancez cet assistant depuis Aide → Assistant de configuration ou le menu de la zone de notification.</translation>
    </message>
    <message>
        <source>Set up Dragoman (%1 of %2): %3</source>
        <translation>Configurer Dragoman (%1 sur %2) : %3</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Valeur par défaut du système</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (non connecté)</translation>
    </message>
    <message>
        <source>Talk: hold &lt;b&gt;%1&lt;/b&gt; (or the big button in the window).</source>
        <translation>Parler : maintenez &lt;b&gt;%1&lt;/b&gt; (ou le grand bouton de la fenêtre).</translation>
    </message>
    <message>
        <source>API key: %1</source>
        <translation>Clé d&apos;API : %1</translation>
    </message>
    <message>
        <source>Call output: %1.</source>
        <translation>Sortie d&apos;appel : %1.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <source>Listening… release to stop</source>
        <translation>Écoute… relâchez pour arrêter</translation>
    </message>
    <message>
        <source>Speak now: you should hear yourself.</source>
        <translation>Parlez maintenant : vous devriez vous entendre.</translation>
    </message>
    <message>
        <source>Nothing was played back: check the monitor output in Settings → Audio (your headphones), then try again.</source>
        <translation>Rien n&apos;a été rejoué : vérifiez la sortie d&apos;écoute dans Paramètres → Audio (votre casque), puis réessayez.</translation>
    </message>
    <message>
        <source>The microphone gave only silence: choose another microphone above, or check that it is not muted.</source>
        <translation>Le micro n&apos;a donné que du silence : choisissez un autre micro ci-dessus ou vérifiez qu&apos;il n&apos;est pas coupé.</translation>
    </message>
    <message>
        <source>You heard yourself %1 ms after pressing. That is the delay your own voice has through Dragoman.</source>
        <translation>Vous vous êtes entendu %1 ms après l&apos;appui. C&apos;est le délai de votre propre voix à travers Dragoman.</translation>
    </message>
    <message>
        <source>Got it: your reverse-direction key works.</source>
        <translation>C&apos;est bon : votre touche de sens inverse fonctionne.</translation>
    </message>
    <message>
        <source>Got it: your key works.</source>
        <translation>C&apos;est bon : votre touche fonctionne.</translation>
    </message>
    <message>
        <source>Saved. Now press %1 to try it.</source>
        <translation>Enregistré. Appuyez maintenant sur %1 pour l&apos;essayer.</translation>
    </message>
    <message>
        <source>Your push-to-talk key is &lt;b&gt;%1&lt;/b&gt;. Press it now, with any window in front: this page says “Got it”. Nothing is translated while this assistant is open.</source>
        <translation>Votre touche de parole est &lt;b&gt;%1&lt;/b&gt;. Appuyez dessus maintenant, avec n&apos;importe quelle fenêtre au premier plan : cette page affiche « C&apos;est bon ». Rien n&apos;est traduit tant que cet assistant est ouvert.</translation>
    </message>
    <message>
        <source>The saved key &apos;%1&apos; cannot be used: %2</source>
        <translation>La touche enregistrée « %1 » est inutilisable : %2</translation>
    </message>
    <message>
        <source>Creating the virtual microphone…</source>
        <translation>Création du micro virtuel…</translation>
    </message>
    <message>
        <source>“Dragoman Microphone” is ready and is now Dragoman&apos;s call output: choose it as the microphone in your call app.</source>
        <translation>« Dragoman Microphone » est prêt et sert désormais de sortie d&apos;appel à Dragoman : choisissez-le comme micro dans votre application d&apos;appel.</translation>
    </message>
    <message>
        <source>Virtual microphone created</source>
        <translation>Micro virtuel créé</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Text (*.txt)</source>
        <translation>Texte (*.txt)</translation>
    </message>
    <message>
        <source>SubRip subtitles (*.srt)</source>
        <translation>Sous-titres SubRip (*.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (*.vtt)</source>
        <translation>Sous-titres WebVTT (*.vtt)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Audio sent to the translation service, counted by Dragoman at the end of each hold (the same count as the status bar). A cost is shown only once you set your price per minute in Settings → Session.</source>
        <translation>Audio envoyé au service de traduction, compté par Dragoman à la fin de chaque appui (le même décompte que la barre d&apos;état). Un coût n&apos;est affiché qu&apos;une fois votre prix par minute défini dans Paramètres → Session.</translation>
    </message>
    <message>
        <source>Search both columns…</source>
        <translation>Rechercher dans les deux colonnes…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Traduction</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Supprimer la conversation</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Audio sent to the service on this day, priced at your price per minute.</source>
        <translation>Audio envoyé au service ce jour-là, au prix par minute que vous avez fixé.</translation>
    </message>
    <message>
        <source>Audio sent to the service on this day. Set your price per minute in Settings → Session to see what it cost.</source>
        <translation>Audio envoyé au service ce jour-là. Définissez votre prix par minute dans Paramètres → Session pour voir ce qu&apos;il a coûté.</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exporter la conversation</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>conversation</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copier la ligne</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Copier les lignes</translation>
    </message>
    <message>
        <source>Replay translation</source>
        <translation>Rejouer la traduction</translation>
    </message>
    <message>
        <source>Delete row</source>
        <translation>Supprimer la ligne</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>Supprimer les lignes</translation>
    </message>
</context>
<context>
    <name>HistorySettingsPage</name>
    <message>
        <source>Keep everything</source>
        <translation>Tout conserver</translation>
    </message>
    <message>
        <source>Keep for a number of days</source>
        <translation>Conserver un certain nombre de jours</translation>
    </message>
    <message>
        <source>Off: keep nothing new</source>
        <translation>Désactivé : ne rien conserver de nouveau</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>Non conservée</translation>
    </message>
    <message>
        <source>Replays also go to the call output</source>
        <translation>Les relectures vont aussi vers la sortie d&apos;appel</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Effacer l&apos;historique…</translation>
    </message>
    <message>
        <source>Transcripts</source>
        <translation>Transcriptions</translation>
    </message>
    <message>
        <source>Keep transcripts for</source>
        <translation>Conserver les transcriptions pendant</translation>
    </message>
    <message>
        <source>Keep translated speech for</source>
        <translation>Conserver la voix traduite pendant</translation>
    </message>
    <message>
        <source>The history stays on this computer, readable only by you. With history off nothing is written; what was kept stays until you clear it.</source>
        <translation>L&apos;historique reste sur cet ordinateur, lisible par vous seul. Historique désactivé, rien n&apos;est écrit ; ce qui a été conservé reste jusqu&apos;à ce que vous l&apos;effaciez.</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Effacer l&apos;historique</translation>
    </message>
    <message>
        <source>Delete every saved conversation, its text and its translated speech? This cannot be undone.</source>
        <translation>Supprimer toutes les conversations enregistrées, leur texte et leur voix traduite ? Cette action est irréversible.</translation>
    </message>
</context>
<context>
    <name>HotkeyRecorder</name>
    <message>
        <source>Mouse buttons work with the X11 / Windows / macOS keyboard hook and the in-window key, not with the Wayland desktop portal.</source>
        <translation>Les boutons de la souris fonctionnent avec le hook clavier X11 / Windows / macOS et la touche dans la fenêtre, pas avec le portail de bureau Wayland.</translation>
    </message>
    <message>
        <source>Press the hotkey… (Esc cancels)</source>
        <translation>Appuyez sur le raccourci… (Échap annule)</translation>
    </message>
    <message>
        <source>That key cannot be part of a hotkey: use F1 to F24, a letter, a digit, a named key such as Space or Pause, a modifier, or a mouse side button.</source>
        <translation>Cette touche ne peut pas faire partie d&apos;un raccourci : utilisez F1 à F24, une lettre, un chiffre, une touche nommée comme Espace ou Pause, un modificateur ou un bouton latéral de la souris.</translation>
    </message>
    <message>
        <source>Click, then press the keys you want to hold to talk.</source>
        <translation>Cliquez, puis appuyez sur les touches à maintenir pour parler.</translation>
    </message>
    <message>
        <source>The talk hotkey cannot be empty.</source>
        <translation>Le raccourci de parole ne peut pas être vide.</translation>
    </message>
    <message>
        <source>%1 is also the %2: the two must differ.</source>
        <translation>%1 est aussi le %2 : les deux doivent être différents.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Job id</source>
        <translation>Identifiant de tâche</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Détecter</translation>
    </message>
    <message>
        <source>Support asks for the job id: select the row and press Copy job id.</source>
        <translation>Le support demande l&apos;identifiant de la tâche : sélectionnez la ligne et appuyez sur Copier l&apos;identifiant de la tâche.</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Your Pinch API key</source>
        <translation>Votre clé d&apos;API Pinch</translation>
    </message>
    <message>
        <source>Dragoman needs a key to use Pinch&apos;s translation service.</source>
        <translation>Dragoman a besoin d&apos;une clé pour utiliser le service de traduction de Pinch.</translation>
    </message>
    <message>
        <source>No key yet? &lt;a href=&quot;%1&quot;&gt;Get a key&lt;/a&gt; on the Pinch developer portal (sign in, create a key, copy it), then paste it here.</source>
        <translation>Pas encore de clé ? &lt;a href=&quot;%1&quot;&gt;Obtenez une clé&lt;/a&gt; sur le portail développeurs de Pinch (connectez-vous, créez une clé, copiez-la), puis collez-la ici.</translation>
    </message>
    <message>
        <source>Next saves the key in your OS keyring (never in a file); Test opens a real session with it first. You can also skip this and add a key later in Settings → API keys.</source>
        <translation>« Suivant » enregistre la clé dans le trousseau du système (jamais dans un fichier) ; « Tester » ouvre d&apos;abord une vraie session avec elle. Vous pouvez aussi passer cette étape et ajouter une clé plus tard dans Paramètres → Clés d&apos;API.</translation>
    </message>
</context>
<context>
    <name>KeyRow</name>
    <message>
        <source>Checking the keyring…</source>
        <translation>Vérification du trousseau…</translation>
    </message>
    <message>
        <source>Paste only the key itself, without the variable name and “=”.</source>
        <translation>Collez uniquement la clé, sans le nom de la variable ni le « = ».</translation>
    </message>
    <message>
        <source>That is the masked key Dragoman shows, not a key: paste the key itself.</source>
        <translation>C&apos;est la clé masquée affichée par Dragoman, pas une clé : collez la clé elle-même.</translation>
    </message>
    <message>
        <source>That is a web address, not an API key: copy the key itself.</source>
        <translation>C&apos;est une adresse web, pas une clé d&apos;API : copiez la clé elle-même.</translation>
    </message>
    <message>
        <source>That does not look like an API key: it contains characters keys never have (curly quotes, accents or symbols).</source>
        <translation>Cela ne ressemble pas à une clé d&apos;API : elle contient des caractères que les clés n&apos;ont jamais (guillemets typographiques, accents ou symboles).</translation>
    </message>
    <message>
        <source>That is too short for an API key (%1 characters): copy the whole key.</source>
        <translation>C&apos;est trop court pour une clé d&apos;API (%1 caractères) : copiez la clé entière.</translation>
    </message>
    <message>
        <source>That is too long for an API key (%1 characters): copy only the key.</source>
        <translation>C&apos;est trop long pour une clé d&apos;API (%1 caractères) : copiez uniquement la clé.</translation>
    </message>
    <message>
        <source>%1 API keys start with “%2”: is this the right key?</source>
        <translation>Les clés d&apos;API %1 commencent par « %2 » : est-ce la bonne clé ?</translation>
    </message>
    <message>
        <source>Paste the key and press Enter (or Save, Test, OK, Next): it goes to the OS keyring.</source>
        <translation>Collez la clé et appuyez sur Entrée (ou Enregistrer, Tester, OK, Suivant) : elle va dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Store the pasted key in the OS keyring</source>
        <translation>Ranger la clé collée dans le trousseau du système</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Open a real session with the pasted key (or the stored one); a key that works is saved</source>
        <translation>Ouvrir une vraie session avec la clé collée (ou celle enregistrée) ; une clé qui fonctionne est enregistrée</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Delete the stored key from the OS keyring</source>
        <translation>Supprimer la clé enregistrée du trousseau du système</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>%1 (stored; paste a new key to replace it)</source>
        <translation>%1 (enregistrée ; collez une nouvelle clé pour la remplacer)</translation>
    </message>
    <message>
        <source>Paste your %1 API key</source>
        <translation>Collez votre clé d&apos;API %1</translation>
    </message>
    <message>
        <source>Keys saved here are kept for this session only.</source>
        <translation>Les clés enregistrées ici ne sont gardées que pour cette session.</translation>
    </message>
    <message>
        <source>A key is set for this session.</source>
        <translation>Une clé est définie pour cette session.</translation>
    </message>
    <message>
        <source>A key ending in %1 is stored in the OS keyring.</source>
        <translation>Une clé se terminant par %1 est enregistrée dans le trousseau du système.</translation>
    </message>
    <message>
        <source>A key is stored in the OS keyring.</source>
        <translation>Une clé est enregistrée dans le trousseau du système.</translation>
    </message>
    <message>
        <source>No key stored yet.</source>
        <translation>Aucune clé enregistrée pour l&apos;instant.</translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation>La clé n&apos;est gardée que pour cette session.</translation>
    </message>
    <message>
        <source>Saved for this session only.</source>
        <translation>Enregistrée pour cette session uniquement.</translation>
    </message>
    <message>
        <source>Saved in the OS keyring.</source>
        <translation>Enregistrée dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Paste a key first, or save one.</source>
        <translation>Collez d&apos;abord une clé, ou enregistrez-en une.</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Retrait en cours…</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>speech output available</source>
        <translation>sortie vocale disponible</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message>
        <source>%1 (%2): translated text only, no speech output</source>
        <translation>%1 (%2) : texte traduit uniquement, pas de sortie vocale</translation>
    </message>
    <message>
        <source>Languages marked with the speaker can be spoken back; the others are translated to text only.</source>
        <translation>Les langues marquées du haut-parleur peuvent être prononcées ; les autres sont traduites en texte seulement.</translation>
    </message>
</context>
<context>
    <name>Latency</name>
    <message>
        <source>send %1 ms</source>
        <translation>envoi %1 ms</translation>
    </message>
    <message>
        <source>final %1 ms</source>
        <translation>final %1 ms</translation>
    </message>
    <message>
        <source>voice %1 ms</source>
        <translation>voix %1 ms</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>%v dBFS</source>
        <translation>%v dBFS</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Niveau du micro</translation>
    </message>
    <message>
        <source>too loud</source>
        <translation>trop fort</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>silencieux</translation>
    </message>
    <message>
        <source>quiet</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>speaking</source>
        <translation>parole</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Idle</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Écoute</translation>
    </message>
    <message>
        <source>Translating…</source>
        <translation>Traduction…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiert votre attention</translation>
    </message>
    <message>
        <source>Audio sent to the service, counted per hold: this session and today (since your midnight). Your price per minute and a daily cap are set in Settings → Session.</source>
        <translation>Audio envoyé au service, compté par appui : cette session et aujourd&apos;hui (depuis votre minuit). Votre prix par minute et un plafond quotidien se règlent dans Paramètres → Session.</translation>
    </message>
    <message>
        <source>Over 80 % of today&apos;s cap.</source>
        <translation>Plus de 80 % du plafond du jour.</translation>
    </message>
    <message>
        <source>Today&apos;s cap is reached: new holds wait until midnight.</source>
        <translation>Le plafond du jour est atteint : les nouveaux appuis attendent minuit.</translation>
    </message>
    <message>
        <source>No speech detected — check the microphone (Settings → Audio).</source>
        <translation>Aucune parole détectée — vérifiez le micro (Paramètres → Audio).</translation>
    </message>
    <message>
        <source>Rece&amp;nt ▾</source>
        <translation>&amp;Récents ▾</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>D&amp;e</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Vers</translation>
    </message>
    <message>
        <source>Speech and text</source>
        <translation>Voix et texte</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>Texte seul</translation>
    </message>
    <message>
        <source>Male voice</source>
        <translation>Voix masculine</translation>
    </message>
    <message>
        <source>Female voice</source>
        <translation>Voix féminine</translation>
    </message>
    <message>
        <source>Cloned voice</source>
        <translation>Voix clonée</translation>
    </message>
    <message>
        <source>A cloned voice is not available for real-time translation yet.</source>
        <translation>Une voix clonée n&apos;est pas encore disponible pour la traduction en temps réel.</translation>
    </message>
    <message>
        <source>Fast (stable spans)</source>
        <translation>Rapide (segments stables)</translation>
    </message>
    <message>
        <source>Whole sentences</source>
        <translation>Phrases entières</translation>
    </message>
    <message>
        <source>T&amp;wo-way conversation</source>
        <translation>&amp;Conversation à deux</translation>
    </message>
    <message>
        <source>Names and jargon, e.g. “Dragoman, Qt, Zoë Ng”</source>
        <translation>Noms et jargon, p. ex. « Dragoman, Qt, Zoë Ng »</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Serv&amp;ice</source>
        <translation>&amp;Service</translation>
    </message>
    <message>
        <source>&amp;Output</source>
        <translation>S&amp;ortie</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>Vo&amp;ix</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>Résu&amp;ltats</translation>
    </message>
    <message>
        <source>Conte&amp;xt</source>
        <translation>Con&amp;texte</translation>
    </message>
    <message>
        <source>&amp;More ▾</source>
        <translation>&amp;Plus ▾</translation>
    </message>
    <message>
        <source>Show the context field and two-way conversation</source>
        <translation>Afficher le champ de contexte et la conversation à deux</translation>
    </message>
    <message>
        <source>The language you speak (“Detect automatically” lets the service tell)</source>
        <translation>La langue que vous parlez (« Détection automatique » laisse le service décider)</translation>
    </message>
    <message>
        <source>The language to translate into. Languages marked with the speaker can be spoken back; the others come as text only.</source>
        <translation>La langue vers laquelle traduire. Les langues marquées du haut-parleur peuvent être prononcées ; les autres arrivent en texte seulement.</translation>
    </message>
    <message>
        <source>Swap the two languages (translate the other way)</source>
        <translation>Permuter les deux langues (traduire dans l&apos;autre sens)</translation>
    </message>
    <message>
        <source>Language pairs you used recently</source>
        <translation>Paires de langues utilisées récemment</translation>
    </message>
    <message>
        <source>Which service listens: Pinch translates (speech or text); Smallest Pulse writes down what you say in your own language, without translating.</source>
        <translation>Quel service écoute : Pinch traduit (voix ou texte) ; Smallest Pulse transcrit ce que vous dites dans votre propre langue, sans traduire.</translation>
    </message>
    <message>
        <source>Speech and text: you hear the translation and read it. Text only: the translation is shown, not spoken.</source>
        <translation>Voix et texte : vous entendez la traduction et la lisez. Texte seul : la traduction est affichée, pas prononcée.</translation>
    </message>
    <message>
        <source>The voice that speaks the translation</source>
        <translation>La voix qui prononce la traduction</translation>
    </message>
    <message>
        <source>Fast: text appears in pieces as soon as each part is certain. Whole sentences: each sentence appears once it is complete (a little later, reads better).</source>
        <translation>Rapide : le texte apparaît par morceaux dès que chaque partie est sûre. Phrases entières : chaque phrase apparaît une fois complète (un peu plus tard, plus agréable à lire).</translation>
    </message>
    <message>
        <source>For a conversation between two people: Dragoman tells which of the two languages each utterance is in and translates it into the other.</source>
        <translation>Pour une conversation entre deux personnes : Dragoman repère dans laquelle des deux langues est chaque intervention et la traduit dans l&apos;autre.</translation>
    </message>
    <message>
        <source>Names and special words to expect (people, products, jargon): they are recognised and spelled better. Sent with each session.</source>
        <translation>Noms et mots particuliers attendus (personnes, produits, jargon) : ils sont mieux reconnus et mieux orthographiés. Envoyés avec chaque session.</translation>
    </message>
    <message>
        <source>Session id (click to copy: support asks for it)</source>
        <translation>Identifiant de session (cliquez pour le copier : le support le demande)</translation>
    </message>
    <message>
        <source>Last utterance: key-down → first audio sent · release → last final · key-down → first translated speech</source>
        <translation>Dernière intervention : touche enfoncée → premier audio envoyé · relâchée → dernier résultat final · touche enfoncée → première voix traduite</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>&amp;Dragoman</source>
        <translation>&amp;Dragoman</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>D&amp;ubbing…</source>
        <translation>&amp;Doublage…</translation>
    </message>
    <message>
        <source>Translate whole recordings and videos (Pinch dubbing)</source>
        <translation>Traduire des enregistrements et des vidéos entiers (doublage Pinch)</translation>
    </message>
    <message>
        <source>&amp;Compact window</source>
        <translation>Fenêtre &amp;compacte</translation>
    </message>
    <message>
        <source>A small window on top of the others: the pair, the last exchange, talk</source>
        <translation>Une petite fenêtre au-dessus des autres : la paire, le dernier échange, parler</translation>
    </message>
    <message>
        <source>Caption &amp;overlay</source>
        <translation>&amp;Sous-titres en surimpression</translation>
    </message>
    <message>
        <source>Live captions in a strip over any application (clicks go through it)</source>
        <translation>Sous-titres en direct dans un bandeau au-dessus de toute application (les clics le traversent)</translation>
    </message>
    <message>
        <source>&amp;Move captions…</source>
        <translation>Déplacer les so&amp;us-titres…</translation>
    </message>
    <message>
        <source>Drag the caption strip, or a side of it to resize; then Done</source>
        <translation>Faites glisser le bandeau de sous-titres, ou l&apos;un de ses bords pour le redimensionner ; puis « Terminé »</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Éditio&amp;n</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Setup assistant…</source>
        <translation>&amp;Assistant de configuration…</translation>
    </message>
    <message>
        <source>Key, microphone, push-to-talk key and call microphone, step by step</source>
        <translation>Clé, micro, touche de parole et micro d&apos;appel, pas à pas</translation>
    </message>
    <message>
        <source>&amp;About Dragoman</source>
        <translation>À &amp;propos de Dragoman</translation>
    </message>
    <message>
        <source>Versions, and where the log, settings and history are kept</source>
        <translation>Versions, et où se trouvent le journal, les paramètres et l&apos;historique</translation>
    </message>
    <message>
        <source>From language</source>
        <translation>Langue source</translation>
    </message>
    <message>
        <source>To language</source>
        <translation>Langue cible</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Permuter les langues</translation>
    </message>
    <message>
        <source>Recent language pairs</source>
        <translation>Paires de langues récentes</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voix</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>Two-way conversation</source>
        <translation>Conversation à deux</translation>
    </message>
    <message>
        <source>More options</source>
        <translation>Plus d&apos;options</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>Identifiant de session</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Audio sent</source>
        <translation>Audio envoyé</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Astuce</translation>
    </message>
    <message>
        <source>Speech output legend</source>
        <translation>Légende de la sortie vocale</translation>
    </message>
    <message>
        <source>What Dragoman is doing</source>
        <translation>Ce que fait Dragoman</translation>
    </message>
    <message>
        <source>Press to copy the session id (support asks for it)</source>
        <translation>Appuyez pour copier l&apos;identifiant de session (le support le demande)</translation>
    </message>
    <message>
        <source>Errors and notices, each with its next step</source>
        <translation>Erreurs et avis, chacun avec son étape suivante</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>&amp;Show history…</source>
        <translation>Afficher l&apos;&amp;historique…</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Nouvelle conversation</translation>
    </message>
    <message>
        <source>This row&apos;s translated speech is no longer kept.</source>
        <translation>La voix traduite de cette ligne n&apos;est plus conservée.</translation>
    </message>
    <message>
        <source>%1 writes down what you say in your own language; it does not translate.</source>
        <translation>%1 transcrit ce que vous dites dans votre propre langue ; il ne traduit pas.</translation>
    </message>
    <message>
        <source>%1 cannot tell two languages apart in one talk.</source>
        <translation>%1 ne sait pas distinguer deux langues dans une même prise de parole.</translation>
    </message>
    <message>
        <source>%1 gives text only: nothing is spoken.</source>
        <translation>%1 ne fournit que du texte : rien n&apos;est prononcé.</translation>
    </message>
    <message>
        <source>“Text only” is chosen, so no voice speaks: choose “Speech and text” to pick one.</source>
        <translation>« Texte seul » est choisi, aucune voix ne parle donc : choisissez « Voix et texte » pour en sélectionner une.</translation>
    </message>
    <message>
        <source>No recent pairs yet.</source>
        <translation>Pas encore de paires récentes.</translation>
    </message>
    <message>
        <source>Session id %1</source>
        <translation>Identifiant de session %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing more was sent</source>
        <translation>Annulé : rien de plus n&apos;a été envoyé</translation>
    </message>
    <message>
        <source>Details copied: paste them into your email</source>
        <translation>Détails copiés : collez-les dans votre e-mail</translation>
    </message>
    <message>
        <source>Session id copied</source>
        <translation>Identifiant de session copié</translation>
    </message>
</context>
<context>
    <name>Meeting</name>
    <message>
        <source>Passing through</source>
        <translation>Voix transmise</translation>
    </message>
    <message>
        <source>Translating</source>
        <translation>Traduction</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Coupé</translation>
    </message>
    <message>
        <source>Meeting mode: the call hears your own voice. Hold the talk key to translate.</source>
        <translation>Mode réunion : l&apos;appel entend votre propre voix. Maintenez la touche de parole pour traduire.</translation>
    </message>
    <message>
        <source>Meeting mode: the call hears the translation, not your own voice.</source>
        <translation>Mode réunion : l&apos;appel entend la traduction, pas votre propre voix.</translation>
    </message>
    <message>
        <source>Mute all: the call hears nothing from Dragoman (neither your voice nor translations) until you unmute.</source>
        <translation>Tout couper : l&apos;appel n&apos;entend rien de Dragoman (ni votre voix ni les traductions) jusqu&apos;à ce que vous rétablissiez le son.</translation>
    </message>
    <message>
        <source>Mute all is on: unmute to say it again into the call.</source>
        <translation>« Tout couper » est activé : rétablissez le son pour le redire dans l&apos;appel.</translation>
    </message>
    <message>
        <source>Translated speech is muted: unmute it to say it again.</source>
        <translation>La voix traduite est coupée : rétablissez-la pour le redire.</translation>
    </message>
    <message>
        <source>No call output is set: choose the virtual microphone as the call output in Settings → Audio.</source>
        <translation>Aucune sortie d&apos;appel n&apos;est définie : choisissez le micro virtuel comme sortie d&apos;appel dans Paramètres → Audio.</translation>
    </message>
    <message>
        <source>Nothing to say again yet: no translated speech is kept.</source>
        <translation>Rien à redire pour l&apos;instant : aucune voix traduite n&apos;est conservée.</translation>
    </message>
    <message>
        <source>Said again at %1</source>
        <translation>Redit à %1</translation>
    </message>
</context>
<context>
    <name>ProfileLabel</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
</context>
<context>
    <name>ProfileMenu</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>No profiles yet: save one in Settings ▸ Profiles</source>
        <translation>Pas encore de profils : enregistrez-en un dans Paramètres ▸ Profils</translation>
    </message>
    <message>
        <source>%1 (from the next hold)</source>
        <translation>%1 (à partir du prochain appui)</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>hold to talk</source>
        <translation>maintenir pour parler</translation>
    </message>
    <message>
        <source>tap to talk</source>
        <translation>appuyer pour parler</translation>
    </message>
    <message>
        <source>hybrid</source>
        <translation>hybride</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>valeur par défaut du système</translation>
    </message>
    <message>
        <source>female voice</source>
        <translation>voix féminine</translation>
    </message>
    <message>
        <source>male voice</source>
        <translation>voix masculine</translation>
    </message>
    <message>
        <source>speech</source>
        <translation>voix</translation>
    </message>
    <message>
        <source>text only</source>
        <translation>texte seul</translation>
    </message>
    <message>
        <source>call: %1 at %2 %</source>
        <translation>appel : %1 à %2 %</translation>
    </message>
    <message>
        <source>call off</source>
        <translation>appel désactivé</translation>
    </message>
    <message>
        <source>monitor: %1 at %2 %</source>
        <translation>écoute : %1 à %2 %</translation>
    </message>
    <message>
        <source>monitor off</source>
        <translation>écoute désactivée</translation>
    </message>
    <message>
        <source>meeting mode on</source>
        <translation>mode réunion activé</translation>
    </message>
    <message>
        <source>meeting mode off</source>
        <translation>mode réunion désactivé</translation>
    </message>
    <message>
        <source>Profile: %1 (from the next hold)</source>
        <translation>Profil : %1 (à partir du prochain appui)</translation>
    </message>
    <message>
        <source>Profile: %1 (changed)</source>
        <translation>Profil : %1 (modifié)</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil : %1</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <source>A profile keeps the language pair, the voice, speech or text, the push-to-talk mode, the outputs with their volumes and meeting mode, for one kind of call. Choose one here, from the tray&apos;s Profile menu or with its hotkey; chosen during a hold, it applies once the hold is over.</source>
        <translation>Un profil garde la paire de langues, la voix, voix ou texte, le mode d&apos;appui pour parler, les sorties avec leur volume et le mode réunion, pour un type d&apos;appel. Choisissez-en un ici, dans le menu Profil de la zone de notification ou avec son raccourci ; choisi pendant un appui, il s&apos;applique une fois l&apos;appui terminé.</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <source>Save current as</source>
        <translation>Enregistrer l&apos;actuel sous</translation>
    </message>
    <message>
        <source>Keep what the other pages show now as a profile of this name</source>
        <translation>Garder ce que montrent maintenant les autres pages comme profil de ce nom</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Utiliser</translation>
    </message>
    <message>
        <source>Load the profile&apos;s values into the other pages (OK keeps them)</source>
        <translation>Charger les valeurs du profil dans les autres pages (OK les conserve)</translation>
    </message>
    <message>
        <source>Click, then press the keys that move on to the next profile. Backspace clears it.</source>
        <translation>Cliquez, puis appuyez sur les touches qui passent au profil suivant. Retour arrière l&apos;efface.</translation>
    </message>
    <message>
        <source>Next profile hotkey</source>
        <translation>Raccourci du profil suivant</translation>
    </message>
    <message>
        <source>The saved hotkey &apos;%1&apos; cannot be used. Press a new one.</source>
        <translation>Le raccourci enregistré « %1 » est inutilisable. Appuyez sur un nouveau.</translation>
    </message>
    <message>
        <source>The pages now show %1; OK keeps them.</source>
        <translation>Les pages affichent maintenant %1 ; OK le conserve.</translation>
    </message>
    <message>
        <source>%1 (in use)</source>
        <translation>%1 (utilisé)</translation>
    </message>
</context>
<context>
    <name>PttButton</name>
    <message>
        <source>● Listening… release to translate</source>
        <translation>● Écoute… relâchez pour traduire</translation>
    </message>
    <message>
        <source>Hold %1 (or this button) to talk</source>
        <translation>Maintenez %1 (ou ce bouton) pour parler</translation>
    </message>
    <message>
        <source>Hold this button to talk</source>
        <translation>Maintenez ce bouton pour parler</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>écoute</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>n&apos;écoute pas</translation>
    </message>
    <message>
        <source>Push to talk, %1</source>
        <translation>Appuyer pour parler, %1</translation>
    </message>
</context>
<context>
    <name>RouteTestWidget</name>
    <message>
        <source>Playing a test tone into the call output…</source>
        <translation>Lecture d&apos;un son de test dans la sortie d&apos;appel…</translation>
    </message>
    <message>
        <source>The route test is not available in this build.</source>
        <translation>Le test du chemin n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <source>Test the route</source>
        <translation>Tester le chemin</translation>
    </message>
    <message>
        <source>Plays a short tone into the call output and checks that it comes out of “Dragoman Microphone”, the microphone the call app records.</source>
        <translation>Joue un son court dans la sortie d&apos;appel et vérifie qu&apos;il ressort de « Dragoman Microphone », le micro qu&apos;enregistre l&apos;application d&apos;appel.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Always open</source>
        <translation>Toujours ouvert</translation>
    </message>
    <message>
        <source>Open for a while after each hold</source>
        <translation>Ouvert un moment après chaque appui</translation>
    </message>
    <message>
        <source>Open only while I hold the key</source>
        <translation>Ouvert seulement pendant que je maintiens la touche</translation>
    </message>
    <message>
        <source>Every hold starts at once and the %1 ms before the key are kept, so no first syllable is lost. The cost: the microphone stays open and its indicator stays on while Dragoman runs.</source>
        <translation>Chaque appui démarre aussitôt et les %1 ms précédant la touche sont gardées, donc aucune première syllabe n&apos;est perdue. Le prix : le micro reste ouvert et son voyant allumé tant que Dragoman tourne.</translation>
    </message>
    <message>
        <source>For %2 after a hold, the next one starts at once with the %1 ms before the key kept. Then the microphone closes and its indicator goes off; the next hold opens it again and starts at the key press.</source>
        <translation>Pendant %2 après un appui, le suivant démarre aussitôt avec les %1 ms précédant la touche. Ensuite le micro se ferme et son voyant s&apos;éteint ; l&apos;appui suivant le rouvre et démarre à l&apos;appui sur la touche.</translation>
    </message>
    <message>
        <source>The microphone is open only while you hold the key, so its indicator is off the rest of the time and nothing is heard between holds. The cost: nothing from before the key is kept, and opening the microphone can clip your first syllable.</source>
        <translation>Le micro n&apos;est ouvert que pendant que vous maintenez la touche : son voyant est éteint le reste du temps et rien n&apos;est entendu entre deux appuis. Le prix : rien d&apos;avant la touche n&apos;est gardé, et l&apos;ouverture du micro peut couper votre première syllabe.</translation>
    </message>
    <message>
        <source>Pause it when it plays on built-in speakers</source>
        <translation>La mettre en pause quand elle passe sur les haut-parleurs intégrés</translation>
    </message>
    <message>
        <source>Always pause it</source>
        <translation>Toujours la mettre en pause</translation>
    </message>
    <message>
        <source>Never pause it (I use headphones)</source>
        <translation>Ne jamais la mettre en pause (j&apos;utilise un casque)</translation>
    </message>
    <message>
        <source>Pinch&apos;s price is not built in: enter yours to see the cost.</source>
        <translation>Le prix de Pinch n&apos;est pas intégré : saisissez le vôtre pour voir le coût.</translation>
    </message>
    <message>
        <source>What one minute of audio sent costs you, in your own currency. The status bar shows the cost of this session and of today; with no price, no money is shown anywhere.</source>
        <translation>Ce que vous coûte une minute d&apos;audio envoyé, dans votre propre devise. La barre d&apos;état affiche le coût de cette session et de la journée ; sans prix, aucun montant n&apos;est affiché nulle part.</translation>
    </message>
    <message>
        <source>The most minutes of audio to send in a day. At 80 % a warning; at the cap new holds stop until midnight (a hold under way finishes).</source>
        <translation>Le nombre maximal de minutes d&apos;audio à envoyer par jour. À 80 %, un avertissement ; au plafond, les nouveaux appuis s&apos;arrêtent jusqu&apos;à minuit (un appui en cours se termine).</translation>
    </message>
    <message>
        <source>On speakers the microphone hears the translation and would send it back to be translated again. Pausing stops the playback the moment you press the talk key; the microphone always records your whole hold either way. The part not played can be replayed from its row (right-click, Replay translation). Built-in speakers are recognised from what the sound system says about the output; choose &quot;Always pause it&quot; if yours are not, or &quot;Never&quot; with headphones.</source>
        <translation>Sur des haut-parleurs, le micro entend la traduction et la renverrait pour être traduite à nouveau. La mise en pause arrête la lecture dès que vous appuyez sur la touche de parole ; le micro enregistre de toute façon tout votre appui. La partie non jouée peut être rejouée depuis sa ligne (clic droit, Rejouer la traduction). Les haut-parleurs intégrés sont reconnus d&apos;après ce que le système audio dit de la sortie ; choisissez « Toujours la mettre en pause » si les vôtres ne le sont pas, ou « Ne jamais » avec un casque.</translation>
    </message>
    <message>
        <source>Dragoman settings</source>
        <translation>Paramètres de Dragoman</translation>
    </message>
    <message>
        <source>Keys are stored only in your OS keyring, never in a settings file. A pasted key is saved by Save, Enter, a successful Test or OK.</source>
        <translation>Les clés ne sont rangées que dans le trousseau du système, jamais dans un fichier de paramètres. Une clé collée est enregistrée par Enregistrer, Entrée, un test réussi ou OK.</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Clés d&apos;API</translation>
    </message>
    <message>
        <source>Create virtual microphone</source>
        <translation>Créer un micro virtuel</translation>
    </message>
    <message>
        <source>Refresh devices</source>
        <translation>Actualiser les périphériques</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micro</translation>
    </message>
    <message>
        <source>Call output (virtual microphone)</source>
        <translation>Sortie d&apos;appel (micro virtuel)</translation>
    </message>
    <message>
        <source>Call volume</source>
        <translation>Volume de l&apos;appel</translation>
    </message>
    <message>
        <source>Monitor output (your headphones)</source>
        <translation>Sortie d&apos;écoute (votre casque)</translation>
    </message>
    <message>
        <source>Monitor volume</source>
        <translation>Volume d&apos;écoute</translation>
    </message>
    <message>
        <source>Route into calls</source>
        <translation>Chemin vers les appels</translation>
    </message>
    <message>
        <source>Meeting mode: my voice goes to the call while no key is held</source>
        <translation>Mode réunion : ma voix va dans l&apos;appel tant qu&apos;aucune touche n&apos;est maintenue</translation>
    </message>
    <message>
        <source>Your microphone plays into the call output (the virtual microphone) unchanged; holding the talk key mutes it and the translation plays there instead.</source>
        <translation>Votre micro est joué tel quel dans la sortie d&apos;appel (le micro virtuel) ; maintenir la touche de parole le coupe et la traduction y est jouée à la place.</translation>
    </message>
    <message>
        <source>After the translation has played</source>
        <translation>Après la lecture de la traduction</translation>
    </message>
    <message>
        <source>As soon as I release the key</source>
        <translation>Dès que je relâche la touche</translation>
    </message>
    <message>
        <source>Back to my voice</source>
        <translation>Retour à ma voix</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Click, then press the keys that translate the other way (target to source). Backspace clears it.</source>
        <translation>Cliquez, puis appuyez sur les touches qui traduisent dans l&apos;autre sens (de la cible vers la source). Retour arrière l&apos;efface.</translation>
    </message>
    <message>
        <source>Click, then press the keys that play the last translation into the call again. Backspace clears it.</source>
        <translation>Cliquez, puis appuyez sur les touches qui rejouent la dernière traduction dans l&apos;appel. Retour arrière l&apos;efface.</translation>
    </message>
    <message>
        <source>Click, then press the keys that mute everything going into the call (your voice and translations) until pressed again. Backspace clears it.</source>
        <translation>Cliquez, puis appuyez sur les touches qui coupent tout ce qui part dans l&apos;appel (votre voix et les traductions) jusqu&apos;au prochain appui. Retour arrière l&apos;efface.</translation>
    </message>
    <message>
        <source>Click, then press the keys that show or hide the compact window, whatever window has the focus. Backspace clears it.</source>
        <translation>Cliquez, puis appuyez sur les touches qui affichent ou masquent la fenêtre compacte, quelle que soit la fenêtre active. Retour arrière l&apos;efface.</translation>
    </message>
    <message>
        <source>Click, then press the keys that show or hide the caption overlay, whatever window has the focus. Backspace clears it.</source>
        <translation>Cliquez, puis appuyez sur les touches qui affichent ou masquent les sous-titres en surimpression, quelle que soit la fenêtre active. Retour arrière l&apos;efface.</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>Maintenir pour parler</translation>
    </message>
    <message>
        <source>Tap to start, tap to stop</source>
        <translation>Appuyer pour démarrer, appuyer pour arrêter</translation>
    </message>
    <message>
        <source>Hybrid: tap latches, hold talks</source>
        <translation>Hybride : un appui bref verrouille, un appui long parle</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>X11 / Windows / macOS keyboard hook</source>
        <translation>Hook clavier X11 / Windows / macOS</translation>
    </message>
    <message>
        <source>Desktop portal (Wayland)</source>
        <translation>Portail de bureau (Wayland)</translation>
    </message>
    <message>
        <source>Only while the window has focus</source>
        <translation>Seulement quand la fenêtre a le focus</translation>
    </message>
    <message>
        <source>Talk hotkey</source>
        <translation>Raccourci de parole</translation>
    </message>
    <message>
        <source>Reverse-direction hotkey</source>
        <translation>Raccourci de sens inverse</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Hotkey method</source>
        <translation>Méthode du raccourci</translation>
    </message>
    <message>
        <source>Longest utterance</source>
        <translation>Intervention la plus longue</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Appuyer pour parler</translation>
    </message>
    <message>
        <source>Say it again hotkey</source>
        <translation>Raccourci « Redire »</translation>
    </message>
    <message>
        <source>Mute all hotkey</source>
        <translation>Raccourci « Tout couper »</translation>
    </message>
    <message>
        <source>Compact window hotkey</source>
        <translation>Raccourci de la fenêtre compacte</translation>
    </message>
    <message>
        <source>Caption overlay hotkey</source>
        <translation>Raccourci des sous-titres en surimpression</translation>
    </message>
    <message>
        <source>When the microphone is open. An open microphone keeps the moment before the key press; a closed one keeps the microphone indicator off.</source>
        <translation>Quand le micro est ouvert. Un micro ouvert garde l&apos;instant précédant l&apos;appui sur la touche ; un micro fermé laisse son voyant éteint.</translation>
    </message>
    <message>
        <source>How long the microphone stays open after a hold ends.</source>
        <translation>Combien de temps le micro reste ouvert après la fin d&apos;un appui.</translation>
    </message>
    <message>
        <source>Keep a session warm (no wait on key-down)</source>
        <translation>Garder une session prête (pas d&apos;attente à l&apos;appui)</translation>
    </message>
    <message>
        <source>Don&apos;t send holds with no speech in them</source>
        <translation>Ne pas envoyer les appuis sans parole</translation>
    </message>
    <message>
        <source>Start Dragoman when I log in</source>
        <translation>Démarrer Dragoman à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Same as the desktop</source>
        <translation>Comme le bureau</translation>
    </message>
    <message>
        <source>The language of Dragoman&apos;s windows. It applies the next time Dragoman starts.</source>
        <translation>La langue des fenêtres de Dragoman. Elle s&apos;applique au prochain démarrage de Dragoman.</translation>
    </message>
    <message>
        <source>The caption overlay&apos;s translation; the original above it is three quarters of it</source>
        <translation>La traduction du bandeau de sous-titres ; l&apos;original au-dessus fait les trois quarts de sa taille</translation>
    </message>
    <message>
        <source>How much the caption strip&apos;s dark background hides what is under it; the text itself stays opaque, with a dark outline</source>
        <translation>À quel point le fond sombre du bandeau de sous-titres masque ce qui est dessous ; le texte lui-même reste opaque, avec un contour sombre</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non défini</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> par minute</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Pas de plafond</translation>
    </message>
    <message>
        <source>Close the microphone after</source>
        <translation>Fermer le micro après</translation>
    </message>
    <message>
        <source>Audio kept from before the key press</source>
        <translation>Audio gardé avant l&apos;appui sur la touche</translation>
    </message>
    <message>
        <source>Audio kept after the key release</source>
        <translation>Audio gardé après le relâchement de la touche</translation>
    </message>
    <message>
        <source>Close a warm session after</source>
        <translation>Fermer une session prête après</translation>
    </message>
    <message>
        <source>Talk key while a translation plays</source>
        <translation>Touche de parole pendant la lecture d&apos;une traduction</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>&amp;Language of the windows</source>
        <translation>&amp;Langue des fenêtres</translation>
    </message>
    <message>
        <source>Caption overlay text size</source>
        <translation>Taille du texte des sous-titres</translation>
    </message>
    <message>
        <source>Caption overlay background</source>
        <translation>Fond des sous-titres</translation>
    </message>
    <message>
        <source>&amp;Price of audio sent</source>
        <translation>&amp;Prix de l&apos;audio envoyé</translation>
    </message>
    <message>
        <source>Daily &amp;cap on audio sent</source>
        <translation>Plafond &amp;quotidien d&apos;audio envoyé</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Pinch service URL</source>
        <translation>URL du service Pinch</translation>
    </message>
    <message>
        <source>Smallest Pulse URL</source>
        <translation>URL de Smallest Pulse</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Valeur par défaut du système</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>The new language applies when Dragoman is started again.</source>
        <translation>La nouvelle langue s&apos;applique au prochain démarrage de Dragoman.</translation>
    </message>
    <message>
        <source>talk hotkey</source>
        <translation>raccourci de parole</translation>
    </message>
    <message>
        <source>reverse-direction hotkey</source>
        <translation>raccourci de sens inverse</translation>
    </message>
    <message>
        <source>say it again hotkey</source>
        <translation>raccourci « Redire »</translation>
    </message>
    <message>
        <source>mute all hotkey</source>
        <translation>raccourci « Tout couper »</translation>
    </message>
    <message>
        <source>compact window hotkey</source>
        <translation>raccourci de la fenêtre compacte</translation>
    </message>
    <message>
        <source>caption overlay hotkey</source>
        <translation>raccourci des sous-titres en surimpression</translation>
    </message>
    <message>
        <source>next profile hotkey</source>
        <translation>raccourci du profil suivant</translation>
    </message>
    <message>
        <source>Creating the virtual microphone…</source>
        <translation>Création du micro virtuel…</translation>
    </message>
    <message>
        <source>It is now the call output (press OK to keep it).</source>
        <translation>C&apos;est maintenant la sortie d&apos;appel (appuyez sur OK pour la garder).</translation>
    </message>
    <message>
        <source>The saved hotkey &apos;%1&apos; cannot be used: %2 Press a new one.</source>
        <translation>Le raccourci enregistré « %1 » est inutilisable : %2 Appuyez sur un nouveau.</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (non connecté)</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Traduction</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Said (in %1 or %2)</source>
        <translation>Dit (en %1 ou en %2)</translation>
    </message>
    <message>
        <source>Translated into the other</source>
        <translation>Traduit dans l&apos;autre</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>What was said and its translation, one utterance a row. Arrow keys move between rows; Ctrl+C copies the selected rows; Ctrl+F finds.</source>
        <translation>Ce qui a été dit et sa traduction, une intervention par ligne. Les flèches changent de ligne ; Ctrl+C copie les lignes sélectionnées ; Ctrl+F recherche.</translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation>Aller au plus récent ↓</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Aller au plus récent</translation>
    </message>
    <message>
        <source>Scroll to the newest row and follow it</source>
        <translation>Défiler jusqu&apos;à la ligne la plus récente et la suivre</translation>
    </message>
    <message>
        <source>Find in the transcript</source>
        <translation>Rechercher dans la transcription</translation>
    </message>
    <message>
        <source>Enter: next match; Shift+Enter: previous; Escape: close</source>
        <translation>Entrée : occurrence suivante ; Maj+Entrée : précédente ; Échap : fermer</translation>
    </message>
    <message>
        <source>Copy &amp;everything</source>
        <translation>Copier t&amp;out</translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation>&amp;Copier la ligne</translation>
    </message>
    <message>
        <source>Say it &amp;again</source>
        <translation>&amp;Redire</translation>
    </message>
    <message>
        <source>Play the selected row&apos;s translation (or the last one) into the call again</source>
        <translation>Rejouer dans l&apos;appel la traduction de la ligne sélectionnée (ou la dernière)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>Rec&amp;hercher…</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier row(s) not shown: with history off, only the latest rows are kept.</source>
        <translation>
            <numerusform>%n ligne précédente non affichée : historique désactivé, seules les lignes les plus récentes sont gardées.</numerusform>
            <numerusform>%n lignes précédentes non affichées : historique désactivé, seules les lignes les plus récentes sont gardées.</numerusform>
        </translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Aucune occurrence</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copier la ligne</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Copier les lignes</translation>
    </message>
    <message>
        <source>Copy everything</source>
        <translation>Copier tout</translation>
    </message>
    <message>
        <source>Replay translation</source>
        <translation>Rejouer la traduction</translation>
    </message>
    <message>
        <source>Say it again</source>
        <translation>Redire</translation>
    </message>
    <message>
        <source>Play this translation into the call again</source>
        <translation>Rejouer cette traduction dans l&apos;appel</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Dragoman — idle</source>
        <translation>Dragoman — inactif</translation>
    </message>
    <message>
        <source>Dragoman — connecting</source>
        <translation>Dragoman — connexion</translation>
    </message>
    <message>
        <source>Dragoman — ready</source>
        <translation>Dragoman — prêt</translation>
    </message>
    <message>
        <source>Dragoman — listening</source>
        <translation>Dragoman — écoute</translation>
    </message>
    <message>
        <source>Dragoman — translating</source>
        <translation>Dragoman — traduction</translation>
    </message>
    <message>
        <source>Dragoman — reconnecting</source>
        <translation>Dragoman — reconnexion</translation>
    </message>
    <message>
        <source>Dragoman — needs attention (open the window)</source>
        <translation>Dragoman — requiert votre attention (ouvrez la fenêtre)</translation>
    </message>
    <message>
        <source>Show / hide window</source>
        <translation>Afficher / masquer la fenêtre</translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation>Commencer à parler</translation>
    </message>
    <message>
        <source>Recent language pairs</source>
        <translation>Paires de langues récentes</translation>
    </message>
    <message>
        <source>Mute translated speech</source>
        <translation>Couper la voix traduite</translation>
    </message>
    <message>
        <source>Say it again</source>
        <translation>Redire</translation>
    </message>
    <message>
        <source>The last translation into the call again</source>
        <translation>La dernière traduction à nouveau dans l&apos;appel</translation>
    </message>
    <message>
        <source>Mute all (nothing into the call)</source>
        <translation>Tout couper (rien ne part dans l&apos;appel)</translation>
    </message>
    <message>
        <source>Dubbing…</source>
        <translation>Doublage…</translation>
    </message>
    <message>
        <source>Compact window</source>
        <translation>Fenêtre compacte</translation>
    </message>
    <message>
        <source>Caption overlay</source>
        <translation>Sous-titres en surimpression</translation>
    </message>
    <message>
        <source>Move captions…</source>
        <translation>Déplacer les sous-titres…</translation>
    </message>
    <message>
        <source>The caption strip takes the mouse: drag it, drag a side to resize, then Done</source>
        <translation>Le bandeau de sous-titres prend la souris : faites-le glisser, faites glisser un bord pour le redimensionner, puis « Terminé »</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Setup assistant…</source>
        <translation>Assistant de configuration…</translation>
    </message>
    <message>
        <source>Quit Dragoman</source>
        <translation>Quitter Dragoman</translation>
    </message>
    <message>
        <source>Dragoman is still running</source>
        <translation>Dragoman fonctionne toujours</translation>
    </message>
    <message>
        <source>Push-to-talk keeps working. Use the tray icon to open the window or quit.</source>
        <translation>L&apos;appui pour parler continue de fonctionner. Utilisez l&apos;icône de la zone de notification pour ouvrir la fenêtre ou quitter.</translation>
    </message>
    <message>
        <source>Dragoman needs attention</source>
        <translation>Dragoman requiert votre attention</translation>
    </message>
    <message>
        <source>Dragoman — %1</source>
        <translation>Dragoman — %1</translation>
    </message>
    <message>
        <source>Call: %1</source>
        <translation>Appel : %1</translation>
    </message>
    <message>
        <source>Stop talking</source>
        <translation>Arrêter de parler</translation>
    </message>
</context>
<context>
    <name>UnsavedKeyQuestion</name>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>Save the API key?</source>
        <translation>Enregistrer la clé d&apos;API ?</translation>
    </message>
    <message>
        <source>You pasted a %1 API key but did not save it. Save it in the OS keyring?</source>
        <translation>Vous avez collé une clé d&apos;API %1 sans l&apos;enregistrer. L&apos;enregistrer dans le trousseau du système ?</translation>
    </message>
</context>
<context>
    <name>banners</name>
    <message>
        <source>Set your API key</source>
        <translation>Définir votre clé d&apos;API</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Se reconnecter</translation>
    </message>
    <message>
        <source>Open device settings</source>
        <translation>Ouvrir les paramètres des périphériques</translation>
    </message>
    <message>
        <source>Use a key for this session only</source>
        <translation>Utiliser une clé pour cette session seulement</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation. Ask Pinch support to enable it: write to %1 quoting your key&apos;s name (as on the developer portal), the time and session %2. “Copy details” copies them.</source>
        <translation>Cette clé d&apos;API Pinch n&apos;a pas accès à la traduction en temps réel. Demandez au support de Pinch de l&apos;activer : écrivez à %1 en indiquant le nom de votre clé (tel que sur le portail développeurs), l&apos;heure et la session %2. « Copier les détails » les copie.</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation. Ask Pinch support to enable it: write to %1 quoting your key&apos;s name (as on the developer portal) and the time. “Copy details” copies them.</source>
        <translation>Cette clé d&apos;API Pinch n&apos;a pas accès à la traduction en temps réel. Demandez au support de Pinch de l&apos;activer : écrivez à %1 en indiquant le nom de votre clé (tel que sur le portail développeurs) et l&apos;heure. « Copier les détails » les copie.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>Switch to text only</source>
        <translation>Passer en texte seul</translation>
    </message>
    <message>
        <source>Use the male voice</source>
        <translation>Utiliser la voix masculine</translation>
    </message>
    <message>
        <source>Service busy, retrying in %1 s. (%2)</source>
        <translation>Service occupé, nouvel essai dans %1 s. (%2)</translation>
    </message>
    <message>
        <source>Service busy, retrying. (%1)</source>
        <translation>Service occupé, nouvel essai. (%1)</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s… %2</source>
        <translation>Reconnexion dans %1 s… %2</translation>
    </message>
    <message>
        <source>Reconnecting… %1</source>
        <translation>Reconnexion… %1</translation>
    </message>
    <message>
        <source>No microphone was found: plug one in or choose another input.</source>
        <translation>Aucun micro trouvé : branchez-en un ou choisissez une autre entrée.</translation>
    </message>
    <message>
        <source>Paused the translation so the microphone hears only you. To hear the rest, right-click its row and choose Replay translation. With headphones it can play on (Settings).</source>
        <translation>La traduction a été mise en pause pour que le micro n&apos;entende que vous. Pour entendre la suite, faites un clic droit sur sa ligne et choisissez Rejouer la traduction. Avec un casque, elle peut continuer (Paramètres).</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>%1 of today&apos;s %2 minutes of audio used. At %2 minutes new holds stop until midnight; change the daily cap in Settings.</source>
        <translation>%1 des %2 minutes d&apos;audio du jour utilisées. À %2 minutes, les nouveaux appuis s&apos;arrêtent jusqu&apos;à minuit ; modifiez le plafond quotidien dans les Paramètres.</translation>
    </message>
    <message>
        <source>%1 of today&apos;s %2 minutes of audio used (cost today: %3 at your price). At %2 minutes new holds stop until midnight; change the daily cap in Settings.</source>
        <translation>%1 des %2 minutes d&apos;audio du jour utilisées (coût du jour : %3 à votre prix). À %2 minutes, les nouveaux appuis s&apos;arrêtent jusqu&apos;à minuit ; modifiez le plafond quotidien dans les Paramètres.</translation>
    </message>
    <message>
        <source>Today&apos;s cap of %1 minutes of audio is reached: new holds are stopped until midnight. Raise or remove the daily cap in Settings to go on.</source>
        <translation>Le plafond du jour de %1 minutes d&apos;audio est atteint : les nouveaux appuis sont arrêtés jusqu&apos;à minuit. Augmentez ou supprimez le plafond quotidien dans les Paramètres pour continuer.</translation>
    </message>
    <message>
        <source>Today&apos;s cap of %1 minutes of audio is reached (cost today: %2 at your price): new holds are stopped until midnight. Raise or remove the daily cap in Settings to go on.</source>
        <translation>Le plafond du jour de %1 minutes d&apos;audio est atteint (coût du jour : %2 à votre prix) : les nouveaux appuis sont arrêtés jusqu&apos;à minuit. Augmentez ou supprimez le plafond quotidien dans les Paramètres pour continuer.</translation>
    </message>
</context>
<context>
    <name>chord</name>
    <message>
        <source>switches windows</source>
        <translation>change de fenêtre</translation>
    </message>
    <message>
        <source>closes the window</source>
        <translation>ferme la fenêtre</translation>
    </message>
    <message>
        <source>opens the window menu</source>
        <translation>ouvre le menu de la fenêtre</translation>
    </message>
    <message>
        <source>opens the system&apos;s security screen</source>
        <translation>ouvre l&apos;écran de sécurité du système</translation>
    </message>
    <message>
        <source>opens a terminal on Ubuntu</source>
        <translation>ouvre un terminal sous Ubuntu</translation>
    </message>
    <message>
        <source>locks the screen on some Linux desktops</source>
        <translation>verrouille l&apos;écran sur certains bureaux Linux</translation>
    </message>
    <message>
        <source>switches workspaces</source>
        <translation>change d&apos;espace de travail</translation>
    </message>
    <message>
        <source>opens the Start menu on Windows</source>
        <translation>ouvre le menu Démarrer sous Windows</translation>
    </message>
    <message>
        <source>opens the Task Manager on Windows</source>
        <translation>ouvre le Gestionnaire des tâches sous Windows</translation>
    </message>
    <message>
        <source>switches the input method on many systems</source>
        <translation>change de méthode de saisie sur de nombreux systèmes</translation>
    </message>
    <message>
        <source>switches the keyboard layout on Windows</source>
        <translation>change la disposition du clavier sous Windows</translation>
    </message>
    <message>
        <source>switches the keyboard layout on Windows and KDE</source>
        <translation>change la disposition du clavier sous Windows et KDE</translation>
    </message>
    <message>
        <source>opens the Start menu / Activities overview</source>
        <translation>ouvre le menu Démarrer / la vue Activités</translation>
    </message>
    <message>
        <source>switches the input source (GNOME) or opens Spotlight (macOS)</source>
        <translation>change de source de saisie (GNOME) ou ouvre Spotlight (macOS)</translation>
    </message>
    <message>
        <source>switches windows (macOS) or opens Task View (Windows)</source>
        <translation>change de fenêtre (macOS) ou ouvre la vue des tâches (Windows)</translation>
    </message>
    <message>
        <source>locks the screen on Windows and GNOME</source>
        <translation>verrouille l&apos;écran sous Windows et GNOME</translation>
    </message>
    <message>
        <source>shows the desktop</source>
        <translation>affiche le bureau</translation>
    </message>
    <message>
        <source>opens the file manager on Windows</source>
        <translation>ouvre l&apos;explorateur de fichiers sous Windows</translation>
    </message>
    <message>
        <source>quits the application on macOS</source>
        <translation>quitte l&apos;application sous macOS</translation>
    </message>
    <message>
        <source>closes the window on macOS</source>
        <translation>ferme la fenêtre sous macOS</translation>
    </message>
    <message>
        <source>hides the application on macOS</source>
        <translation>masque l&apos;application sous macOS</translation>
    </message>
    <message>
        <source>minimises the window on macOS</source>
        <translation>réduit la fenêtre sous macOS</translation>
    </message>
    <message>
        <source>takes a screenshot on macOS</source>
        <translation>fait une capture d&apos;écran sous macOS</translation>
    </message>
    <message>
        <source>opens the screenshot tool on macOS</source>
        <translation>ouvre l&apos;outil de capture d&apos;écran sous macOS</translation>
    </message>
    <message>
        <source>copies</source>
        <translation>copie</translation>
    </message>
    <message>
        <source>pastes</source>
        <translation>colle</translation>
    </message>
    <message>
        <source>cuts</source>
        <translation>coupe</translation>
    </message>
    <message>
        <source>undoes</source>
        <translation>annule</translation>
    </message>
    <message>
        <source>selects everything</source>
        <translation>sélectionne tout</translation>
    </message>
    <message>
        <source>saves</source>
        <translation>enregistre</translation>
    </message>
    <message>
        <source>closes the tab or window</source>
        <translation>ferme l&apos;onglet ou la fenêtre</translation>
    </message>
    <message>
        <source>takes a screenshot</source>
        <translation>fait une capture d&apos;écran</translation>
    </message>
    <message>
        <source>opens help in most applications</source>
        <translation>ouvre l&apos;aide dans la plupart des applications</translation>
    </message>
    <message>
        <source>reloads the page in browsers</source>
        <translation>recharge la page dans les navigateurs</translation>
    </message>
    <message>
        <source>toggles full screen</source>
        <translation>bascule en plein écran</translation>
    </message>
    <message>
        <source>closes dialogs and menus everywhere</source>
        <translation>ferme les dialogues et les menus partout</translation>
    </message>
    <message>
        <source>%1 is a common shortcut: it %2.</source>
        <translation>%1 est un raccourci courant : il %2.</translation>
    </message>
    <message>
        <source>%1 overlaps %2, which %3.</source>
        <translation>%1 chevauche %2, qui %3.</translation>
    </message>
    <message>
        <source>%1 is pressed while typing: every time would start talking.</source>
        <translation>%1 est utilisée en tapant du texte : chaque frappe lancerait la parole.</translation>
    </message>
    <message>
        <source>%1 is AltGr on many keyboard layouts (it types @, € and others): typing those would start talking.</source>
        <translation>%1 est AltGr sur de nombreuses dispositions de clavier (elle sert à taper @, € et d&apos;autres) : les taper lancerait la parole.</translation>
    </message>
    <message>
        <source>%1 alone starts talking at every shortcut that uses it (%2+C and the like); a right-hand modifier such as Right%2 is pressed less often.</source>
        <translation>%1 seule lance la parole à chaque raccourci qui l&apos;utilise (%2+C et autres) ; un modificateur de droite comme Right%2 est moins souvent pressé.</translation>
    </message>
    <message>
        <source>%1 is also the cancel key: pressing it would start and cancel.</source>
        <translation>%1 est aussi la touche d&apos;annulation : l&apos;appuyer lancerait puis annulerait.</translation>
    </message>
</context>
<context>
    <name>dubbing</name>
    <message>
        <source>stage %1/%2</source>
        <translation>étape %1/%2</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>étape %1</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>envoi</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>downloading the result</source>
        <translation>téléchargement du résultat</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>not waiting (the job may go on at Pinch)</source>
        <translation>plus suivi (la tâche peut continuer chez Pinch)</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>requiert votre attention</translation>
    </message>
    <message>
        <source>uploading %1 %</source>
        <translation>envoi %1 %</translation>
    </message>
    <message>
        <source>creating the job</source>
        <translation>création de la tâche</translation>
    </message>
    <message>
        <source>downloading the result %1 %</source>
        <translation>téléchargement du résultat %1 %</translation>
    </message>
    <message>
        <source>longer than expected</source>
        <translation>plus long que prévu</translation>
    </message>
</context>
<context>
    <name>engines</name>
    <message>
        <source>Pinch real-time translation</source>
        <translation>Traduction en temps réel Pinch</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Could not start audio on “%1” (%2). Check that it is connected and not in use, or pick another one.</source>
        <translation>Impossible de démarrer l&apos;audio sur « %1 » (%2). Vérifiez qu&apos;il est branché et inutilisé, ou choisissez-en un autre.</translation>
    </message>
    <message>
        <source>voiceType=&apos;clone&apos; is not supported yet: the real-time API speaks with a male or female voice, choose one of those.</source>
        <translation>La voix clonée (voiceType=&apos;clone&apos;) n&apos;est pas encore prise en charge : l&apos;API temps réel parle avec une voix masculine ou féminine, choisissez l&apos;une d&apos;elles.</translation>
    </message>
    <message>
        <source>Pinch did not accept the API key: set a valid key (create one on the Pinch developer portal).</source>
        <translation>Pinch n&apos;a pas accepté la clé d&apos;API : définissez une clé valide (créez-en une sur le portail développeurs de Pinch).</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation: ask Pinch support to enable it for your account, quoting your key&apos;s name.</source>
        <translation>Cette clé d&apos;API Pinch n&apos;a pas accès à la traduction en temps réel : demandez au support de Pinch de l&apos;activer pour votre compte, en indiquant le nom de votre clé.</translation>
    </message>
    <message>
        <source>The Pinch service is rate limited (HTTP %1)%2.</source>
        <translation>Le service Pinch limite les requêtes (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>The Pinch service is busy (HTTP %1)%2.</source>
        <translation>Le service Pinch est occupé (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>Pinch refused the session (HTTP %1): %2.</source>
        <translation>Pinch a refusé la session (HTTP %1) : %2.</translation>
    </message>
    <message>
        <source>no reason</source>
        <translation>aucune raison</translation>
    </message>
    <message>
        <source>The Pinch service failed (HTTP %1)%2.</source>
        <translation>Le service Pinch a échoué (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>The Pinch endpoint answered HTTP %1%2: check the service URL.</source>
        <translation>Le point d&apos;accès Pinch a répondu HTTP %1%2 : vérifiez l&apos;URL du service.</translation>
    </message>
    <message>
        <source>Pinch cannot speak &apos;%1&apos; yet: switch to text only, or choose a target language with speech output.</source>
        <translation>Pinch ne sait pas encore parler « %1 » : passez en texte seul, ou choisissez une langue cible avec sortie vocale.</translation>
    </message>
    <message>
        <source>The Pinch service said: %1</source>
        <translation>Le service Pinch a répondu : %1</translation>
    </message>
    <message>
        <source>The session ended normally.</source>
        <translation>La session s&apos;est terminée normalement.</translation>
    </message>
    <message>
        <source>The session link expired; starting a new session.</source>
        <translation>Le lien de session a expiré ; démarrage d&apos;une nouvelle session.</translation>
    </message>
    <message>
        <source>The server ended the session; starting a new one.</source>
        <translation>Le serveur a mis fin à la session ; démarrage d&apos;une nouvelle.</translation>
    </message>
    <message>
        <source>A message was too large to accept (code 1009); reconnecting.</source>
        <translation>Un message était trop volumineux (code 1009) ; reconnexion.</translation>
    </message>
    <message>
        <source>The connection dropped; reconnecting.</source>
        <translation>La connexion a été coupée ; reconnexion.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1: %2); reconnecting.</source>
        <translation>Le serveur a fermé la connexion (code %1 : %2) ; reconnexion.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1); reconnecting.</source>
        <translation>Le serveur a fermé la connexion (code %1) ; reconnexion.</translation>
    </message>
    <message>
        <source>No %1 API key yet: add it in Settings → API keys (or set %2).</source>
        <translation>Pas encore de clé d&apos;API %1 : ajoutez-la dans Paramètres → Clés d&apos;API (ou définissez %2).</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 n&apos;a pas répondu en %2 s.</translation>
    </message>
    <message>
        <source>%1 closed the session without answering.</source>
        <translation>%1 a fermé la session sans répondre.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s: check your connection.</source>
        <translation>%1 n&apos;a pas répondu en %2 s : vérifiez votre connexion.</translation>
    </message>
    <message>
        <source>No secure keyring is available on this system (no Secret Service / KWallet running): start your desktop&apos;s keyring, or use the key for this session only.</source>
        <translation>Aucun trousseau sécurisé n&apos;est disponible sur ce système (ni Secret Service ni KWallet en marche) : démarrez le trousseau de votre bureau, ou utilisez la clé pour cette session seulement.</translation>
    </message>
</context>
<context>
    <name>languages</name>
    <message>
        <source>Detect automatically</source>
        <translation>Détection automatique</translation>
    </message>
    <message>
        <source>Afrikaans</source>
        <translation>Afrikaans</translation>
    </message>
    <message>
        <source>Amharic</source>
        <translation>Amharique</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabe</translation>
    </message>
    <message>
        <source>Azerbaijani</source>
        <translation>Azéri</translation>
    </message>
    <message>
        <source>Belarusian</source>
        <translation>Biélorusse</translation>
    </message>
    <message>
        <source>Bulgarian</source>
        <translation>Bulgare</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>Bengali</translation>
    </message>
    <message>
        <source>Bosnian</source>
        <translation>Bosniaque</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>Catalan</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Tchèque</translation>
    </message>
    <message>
        <source>Welsh</source>
        <translation>Gallois</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Danois</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Allemand</translation>
    </message>
    <message>
        <source>German (Austria)</source>
        <translation>Allemand (Autriche)</translation>
    </message>
    <message>
        <source>German (Switzerland)</source>
        <translation>Allemand (Suisse)</translation>
    </message>
    <message>
        <source>German (Germany)</source>
        <translation>Allemand (Allemagne)</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Grec</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>English (Australia)</source>
        <translation>Anglais (Australie)</translation>
    </message>
    <message>
        <source>English (United Kingdom)</source>
        <translation>Anglais (Royaume-Uni)</translation>
    </message>
    <message>
        <source>English (India)</source>
        <translation>Anglais (Inde)</translation>
    </message>
    <message>
        <source>English (United States)</source>
        <translation>Anglais (États-Unis)</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Espagnol</translation>
    </message>
    <message>
        <source>Spanish (Latin America)</source>
        <translation>Espagnol (Amérique latine)</translation>
    </message>
    <message>
        <source>Spanish (Spain)</source>
        <translation>Espagnol (Espagne)</translation>
    </message>
    <message>
        <source>Spanish (Mexico)</source>
        <translation>Espagnol (Mexique)</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>Estonien</translation>
    </message>
    <message>
        <source>Basque</source>
        <translation>Basque</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Persan</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finnois</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>French (Canada)</source>
        <translation>Français (Canada)</translation>
    </message>
    <message>
        <source>French (France)</source>
        <translation>Français (France)</translation>
    </message>
    <message>
        <source>Irish</source>
        <translation>Irlandais</translation>
    </message>
    <message>
        <source>Galician</source>
        <translation>Galicien</translation>
    </message>
    <message>
        <source>Gujarati</source>
        <translation>Goudjarati</translation>
    </message>
    <message>
        <source>Hausa</source>
        <translation>Haoussa</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hébreu</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Croatian</source>
        <translation>Croate</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Hongrois</translation>
    </message>
    <message>
        <source>Armenian</source>
        <translation>Arménien</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonésien</translation>
    </message>
    <message>
        <source>Icelandic</source>
        <translation>Islandais</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italien</translation>
    </message>
    <message>
        <source>Italian (Italy)</source>
        <translation>Italien (Italie)</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japonais</translation>
    </message>
    <message>
        <source>Japanese (Japan)</source>
        <translation>Japonais (Japon)</translation>
    </message>
    <message>
        <source>Javanese</source>
        <translation>Javanais</translation>
    </message>
    <message>
        <source>Georgian</source>
        <translation>Géorgien</translation>
    </message>
    <message>
        <source>Kazakh</source>
        <translation>Kazakh</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>Khmer</translation>
    </message>
    <message>
        <source>Kannada</source>
        <translation>Kannada</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Coréen</translation>
    </message>
    <message>
        <source>Korean (South Korea)</source>
        <translation>Coréen (Corée du Sud)</translation>
    </message>
    <message>
        <source>Lao</source>
        <translation>Lao</translation>
    </message>
    <message>
        <source>Lithuanian</source>
        <translation>Lituanien</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>Letton</translation>
    </message>
    <message>
        <source>Macedonian</source>
        <translation>Macédonien</translation>
    </message>
    <message>
        <source>Malayalam</source>
        <translation>Malayalam</translation>
    </message>
    <message>
        <source>Mongolian</source>
        <translation>Mongol</translation>
    </message>
    <message>
        <source>Marathi</source>
        <translation>Marathi</translation>
    </message>
    <message>
        <source>Malay</source>
        <translation>Malais</translation>
    </message>
    <message>
        <source>Maltese</source>
        <translation>Maltais</translation>
    </message>
    <message>
        <source>Burmese</source>
        <translation>Birman</translation>
    </message>
    <message>
        <source>Nepali</source>
        <translation>Népalais</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Néerlandais</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Norvégien</translation>
    </message>
    <message>
        <source>Punjabi</source>
        <translation>Pendjabi</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polonais</translation>
    </message>
    <message>
        <source>Pashto</source>
        <translation>Pachto</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugais</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>Portugais (Brésil)</translation>
    </message>
    <message>
        <source>Portuguese (Portugal)</source>
        <translation>Portugais (Portugal)</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Roumain</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russe</translation>
    </message>
    <message>
        <source>Russian (Russia)</source>
        <translation>Russe (Russie)</translation>
    </message>
    <message>
        <source>Sinhala</source>
        <translation>Cingalais</translation>
    </message>
    <message>
        <source>Slovak</source>
        <translation>Slovaque</translation>
    </message>
    <message>
        <source>Slovenian</source>
        <translation>Slovène</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>Somali</translation>
    </message>
    <message>
        <source>Albanian</source>
        <translation>Albanais</translation>
    </message>
    <message>
        <source>Serbian</source>
        <translation>Serbe</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Suédois</translation>
    </message>
    <message>
        <source>Swahili</source>
        <translation>Swahili</translation>
    </message>
    <message>
        <source>Tamil</source>
        <translation>Tamoul</translation>
    </message>
    <message>
        <source>Telugu</source>
        <translation>Télougou</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>Thaï</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>Tagalog</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Turc</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ukrainien</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>Ourdou</translation>
    </message>
    <message>
        <source>Uzbek</source>
        <translation>Ouzbek</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamien</translation>
    </message>
    <message>
        <source>Yoruba</source>
        <translation>Yoruba</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinois</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>Chinois (simplifié)</translation>
    </message>
    <message>
        <source>Chinese (Hong Kong)</source>
        <translation>Chinois (Hong Kong)</translation>
    </message>
    <message>
        <source>Chinese (Traditional)</source>
        <translation>Chinois (traditionnel)</translation>
    </message>
    <message>
        <source>Zulu</source>
        <translation>Zoulou</translation>
    </message>
</context>
<context>
    <name>route</name>
    <message>
        <source>create it in Settings → Audio → Create virtual microphone (Dragoman keeps it while it runs)</source>
        <translation>créez-le dans Paramètres → Audio → Créer un micro virtuel (Dragoman le garde tant qu&apos;il tourne)</translation>
    </message>
    <message>
        <source>Route OK: the tone reached “%1” after %2 ms.</source>
        <translation>Chemin OK : le son a atteint « %1 » au bout de %2 ms.</translation>
    </message>
    <message>
        <source>Route OK: the tone reached “%1”.</source>
        <translation>Chemin OK : le son a atteint « %1 ».</translation>
    </message>
    <message>
        <source>It arrived %1 dB quieter than it was played: check the volume of the virtual microphone and of Dragoman&apos;s call output.</source>
        <translation>Il est arrivé %1 dB plus faible qu&apos;il n&apos;a été joué : vérifiez le volume du micro virtuel et de la sortie d&apos;appel de Dragoman.</translation>
    </message>
    <message>
        <source>The virtual microphone is incomplete (%1 is missing)</source>
        <translation>Le micro virtuel est incomplet (%1 manque)</translation>
    </message>
    <message>
        <source>There is no virtual microphone (“Dragoman Microphone”)</source>
        <translation>Il n&apos;y a pas de micro virtuel (« Dragoman Microphone »)</translation>
    </message>
    <message>
        <source>%1: %2, then choose it as the call output, and pick “Dragoman Microphone” as the microphone in the call app.</source>
        <translation>%1 : %2, puis choisissez-le comme sortie d&apos;appel et sélectionnez « Dragoman Microphone » comme micro dans l&apos;application d&apos;appel.</translation>
    </message>
    <message>
        <source>Dragoman&apos;s call output is off, so nothing reaches a call: choose “%1” as the call output in Settings → Audio, and pick “%1” as the microphone in the call app.</source>
        <translation>La sortie d&apos;appel de Dragoman est désactivée, rien n&apos;atteint donc un appel : choisissez « %1 » comme sortie d&apos;appel dans Paramètres → Audio, et « %1 » comme micro dans l&apos;application d&apos;appel.</translation>
    </message>
    <message>
        <source>Dragoman&apos;s call output is “%1”, not the virtual microphone, so a call app cannot hear the translation: choose “%2” as the call output in Settings → Audio, and pick “%2” as the microphone in the call app.</source>
        <translation>La sortie d&apos;appel de Dragoman est « %1 », pas le micro virtuel, une application d&apos;appel ne peut donc pas entendre la traduction : choisissez « %2 » comme sortie d&apos;appel dans Paramètres → Audio, et « %2 » comme micro dans l&apos;application d&apos;appel.</translation>
    </message>
    <message>
        <source>The test tone played into “%1” did not reach “%2”: %3.</source>
        <translation>Le son de test joué dans « %1 » n&apos;a pas atteint « %2 » : %3.</translation>
    </message>
    <message>
        <source>The test tone played into “%1” did not reach “%2”: check that neither is muted or suspended in the system&apos;s sound settings (pavucontrol: Output Devices and Input Devices), then try again.</source>
        <translation>Le son de test joué dans « %1 » n&apos;a pas atteint « %2 » : vérifiez qu&apos;aucun des deux n&apos;est coupé ou suspendu dans les paramètres son du système (pavucontrol : Périphériques de sortie et Périphériques d&apos;entrée), puis réessayez.</translation>
    </message>
    <message>
        <source>The route could not be tested: %1</source>
        <translation>Le chemin n&apos;a pas pu être testé : %1</translation>
    </message>
</context>
<context>
    <name>theme</name>
    <message>
        <source>Same as the desktop</source>
        <translation>Comme le bureau</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
</context>
<context>
    <name>usage</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 sent</source>
        <translation>%1 envoyées</translation>
    </message>
    <message>
        <source>%1 sent · cost %2</source>
        <translation>%1 envoyées · coût %2</translation>
    </message>
    <message>
        <source>The usage file %1 cannot be read, so the minutes of audio sent per day are unknown. Restore it from a backup, or delete it to start a new count.</source>
        <translation>Le fichier d&apos;utilisation %1 est illisible : les minutes d&apos;audio envoyées par jour sont donc inconnues. Restaurez-le depuis une sauvegarde, ou supprimez-le pour repartir de zéro.</translation>
    </message>
    <message>
        <source>Today: %1 — last %2 days: %3</source>
        <translation>Aujourd&apos;hui : %1 — %2 derniers jours : %3</translation>
    </message>
    <message>
        <source>%1 of %2 min</source>
        <translation>%1 sur %2 min</translation>
    </message>
    <message>
        <source>Audio sent: %1 this session · %2 today</source>
        <translation>Audio envoyé : %1 cette session · %2 aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Audio sent: %1 this session · %2 today · cost today %3</source>
        <translation>Audio envoyé : %1 cette session · %2 aujourd&apos;hui · coût du jour %3</translation>
    </message>
</context>
</TS>
